import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from './index.js';
import { startEmulator } from './index.js';
import { loadScenarioFile } from './scenario.js';
import { EmulatorClient } from './testing/emulator-client.js';

const dir = mkdtempSync(join(tmpdir(), 'emu-scenario-'));
const file = join(dir, 'scenario.json');

function device(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, deviceName: `PC-${id.slice(0, 4)}`, serialNumber: `SN${id.slice(0, 6)}`, managedDeviceOwnerType: 'company', operatingSystem: 'Windows', ...extra };
}

function writeScenario(devices: Record<string, unknown>[], target = file): void {
  // Write-then-rename, as editors do, so the watcher never sees a half-written file.
  const temp = `${target}.tmp`;
  writeFileSync(temp, JSON.stringify({ devices, users: [{ id: 'u1', userPrincipalName: 'ann@contoso.com', employeeId: 'E1' }] }));
  renameSync(temp, target);
}

let emulator: RunningEmulator;
let client: EmulatorClient;
const errors: string[] = [];

beforeAll(async () => {
  writeScenario([
    device('aaaaaaaa-0000-4000-8000-000000000001', { physicalMemoryInBytes: 17179869184, model: 'Latitude 5440' }),
    device('aaaaaaaa-0000-4000-8000-000000000002', { managementAgent: 'intuneAosp' }),
  ]);
  emulator = await startEmulator({ scenarioFile: file, log: (line) => errors.push(line) });
  client = new EmulatorClient(emulator);
});
afterAll(async () => {
  await client.close();
  await emulator.close();
});

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not met within 5 s');
}

async function listIds(): Promise<string[]> {
  const page = (await client.graph('v1.0/deviceManagement/managedDevices')).json() as { value: { id: string }[] };
  return page.value.map((d) => d.id);
}

describe('scenario files', () => {
  it('serves the devices as given, with Graph defaults for missing properties', async () => {
    const page = (await client.graph('v1.0/deviceManagement/managedDevices')).json() as { value: Record<string, unknown>[] };
    expect(page.value).toHaveLength(2);
    const first = page.value.find((d) => d['id'] === 'aaaaaaaa-0000-4000-8000-000000000001');
    expect(first?.['model']).toBe('Latitude 5440');
    expect(first?.['easActivationDateTime']).toBe('0001-01-01T00:00:00Z');
    expect(first?.['complianceState']).toBe('unknown');
    expect(first?.['deviceActionResults']).toEqual([]);
    // A beta-only enum member shows as the evolvable-enum sentinel on v1.0.
    const second = page.value.find((d) => d['id'] === 'aaaaaaaa-0000-4000-8000-000000000002');
    expect(second?.['managementAgent']).toBe('unknown');
  });

  it('serves GET-only fields given in the scenario the way Graph does', async () => {
    const id = 'aaaaaaaa-0000-4000-8000-000000000001';
    const listed = (await client.graph('v1.0/deviceManagement/managedDevices')).json() as { value: Record<string, unknown>[] };
    expect(listed.value.find((d) => d['id'] === id)?.['physicalMemoryInBytes']).toBe(0);
    const selected = (await client.graph(`v1.0/deviceManagement/managedDevices/${id}?$select=physicalMemoryInBytes`)).json() as Record<string, unknown>;
    expect(selected['physicalMemoryInBytes']).toBe(17179869184);
  });

  it('names the bad device index and field, and unknown properties', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ devices: [device('x1'), device('x2'), device('x3'), device('x4', { managedDeviceOwnerType: 'corporate', colour: 'red' })] }));
    expect(() => loadScenarioFile(bad)).toThrow(/devices\[3\]\.managedDeviceOwnerType: expected one of unknown, company, personal/);
    expect(() => loadScenarioFile(bad)).toThrow(/devices\[3\]\.colour: unknown property 'colour'/);
    writeFileSync(bad, '{"devices": [');
    expect(() => loadScenarioFile(bad)).toThrow(/is not valid JSON/);
    writeFileSync(bad, JSON.stringify({ devices: [{ deviceName: 'no id' }] }));
    expect(() => loadScenarioFile(bad)).toThrow(/devices\[0\]\.id/);
  });

  it('reloads when the file changes and keeps the previous fleet when the new file is bad', async () => {
    writeScenario([device('bbbbbbbb-0000-4000-8000-000000000001'), device('bbbbbbbb-0000-4000-8000-000000000002'), device('bbbbbbbb-0000-4000-8000-000000000003')]);
    await waitFor(async () => (await listIds()).length === 3);
    writeScenario([device('cccccccc-0000-4000-8000-000000000001', { complianceState: 'sort-of' })]);
    await waitFor(async () => errors.some((line) => line.includes('scenario change ignored')));
    expect(errors.join('\n')).toContain('devices[0].complianceState: expected one of');
    expect((await listIds()).sort()).toEqual(['bbbbbbbb-0000-4000-8000-000000000001', 'bbbbbbbb-0000-4000-8000-000000000002', 'bbbbbbbb-0000-4000-8000-000000000003']);
  });

  it('refuses to start on a bad scenario file, naming it', async () => {
    const bad = join(dir, 'start-bad.json');
    writeFileSync(bad, JSON.stringify({ devices: [device('z', { isEncrypted: 'yes' })] }));
    await expect(startEmulator({ scenarioFile: bad, log: () => undefined })).rejects.toThrow(/start-bad\.json is invalid:\ndevices\[0\]\.isEncrypted/);
  });
});
