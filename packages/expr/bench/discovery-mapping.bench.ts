// Measures compiled evaluation of the SymphonyAI seed's default Intune → Discovery mapping (SPEC §9 style:
// figures come from here, never from a timed test).
import { compile } from '../src/index.js';
import type { CompiledExpr, FieldDef } from '../src/index.js';

const RECORDS = 100_000;
const ROUNDS = 5;

const FIELDS: readonly FieldDef[] = [
  { name: 'id', type: 'text' },
  { name: 'deviceName', type: 'text' },
  { name: 'managedDeviceName', type: 'text' },
  { name: 'serialNumber', type: 'text' },
  { name: 'imei', type: 'text' },
  { name: 'meid', type: 'text' },
  { name: 'wiFiMacAddress', type: 'text' },
  { name: 'ethernetMacAddress', type: 'text' },
  { name: 'physicalMemoryInBytes', type: 'number' },
  { name: 'totalStorageSpaceInBytes', type: 'number' },
];

const DISCOVERY_MAPPING = [
  'COALESCE(ManagedDeviceName, DeviceName)',
  'COALESCE(SerialNumber, IMEI, MEID, WiFiMacAddress, EthernetMacAddress)',
  'COALESCE(EthernetMacAddress, WiFiMacAddress)',
  'PhysicalMemoryBytes / 1073741824.0',
  'TotalStorageBytes / 1073741824.0',
  "'Intune'",
];

function makeRecords(count: number): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const hex = i.toString(16).padStart(12, '0');
    records.push({
      id: `00000000-0000-0000-0000-${hex}`,
      deviceName: `DESKTOP-${i}`,
      managedDeviceName: i % 3 === 0 ? null : `user${i}_Windows_1/1/2024`,
      serialNumber: i % 5 === 0 ? null : `SN${i}`,
      imei: i % 7 === 0 ? `35${i}` : null,
      meid: null,
      wiFiMacAddress: i % 2 === 0 ? hex : null,
      ethernetMacAddress: i % 4 === 0 ? null : hex,
      physicalMemoryInBytes: 17179869184 + (i % 4) * 4294967296,
      totalStorageSpaceInBytes: 255999344640 + i,
    });
  }
  return records;
}

const compiled: CompiledExpr[] = DISCOVERY_MAPPING.map((source) => {
  const res = compile(source, { fields: FIELDS });
  if (!res.ok) throw new Error(`bench expression does not compile: ${source}: ${res.errors.map((e) => e.summary).join('; ')}`);
  return res.expr;
});
const records = makeRecords(RECORDS);

function runOnce(): number {
  let failures = 0;
  for (const record of records) {
    for (const expr of compiled) {
      if (!expr.evaluate(record).ok) failures++;
    }
  }
  return failures;
}

runOnce();
let best = Number.POSITIVE_INFINITY;
for (let round = 0; round < ROUNDS; round++) {
  const started = performance.now();
  const failures = runOnce();
  const elapsedMs = performance.now() - started;
  if (failures > 0) throw new Error(`${failures} evaluations failed`);
  best = Math.min(best, elapsedMs);
}
const evaluations = compiled.length * RECORDS;
const evaluationsPerSec = Math.round(evaluations / (best / 1000));
console.log(`expr: ${compiled.length} expressions × ${RECORDS} records: ${(evaluationsPerSec / 1e6).toFixed(1)}M evaluations/s (best of ${ROUNDS}, ${best.toFixed(0)} ms)`);
console.log(JSON.stringify({ bench: 'expr', expressions: compiled.length, records: RECORDS, evaluationsPerSec }));
