// The register side of a sync: 100,000 creates via RegisterStore.writeBatch (batches of 50 and of 500, each in a
// fresh database), 100,000 findAssets lookups in chunks of 1000, and 1,000 updates, on SQLite and PostgreSQL.
// Run: node --import tsx packages/server/bench/store-write.bench.ts [sqlite|postgres …] [--devices N]
// PostgreSQL: a throwaway cluster is started as in the integration tests, unless BENCH_POSTGRES_URL names one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import startPostgres from '../../../test/global-setup.js';
import { ASSET_DEFAULTS } from '../src/domain/asset.js';
import type { Asset, AssetFields } from '../src/domain/asset.js';
import type { ManagedDevice } from '../src/domain/managed-device.js';
import { GARBAGE_SERIALS } from '../src/emulator/fleet/catalogue.js';
import { generateFleet } from '../src/emulator/fleet/generate-fleet.js';
import { openStore } from '../src/store/connect.js';
import type { Store, StoreDialect } from '../src/store/connect.js';
import { createRegisterStore } from '../src/store/sync/register-store.js';
import type { SyncRegisterStore } from '../src/store/sync/register-store.js';

const args = process.argv.slice(2);
const devicesArg = args.indexOf('--devices');
const DEVICES = devicesArg === -1 ? 100_000 : Number(args[devicesArg + 1]);
const dialects = args.filter((a) => a === 'sqlite' || a === 'postgres') as StoreDialect[];
const DIALECTS: readonly StoreDialect[] = dialects.length > 0 ? dialects : ['sqlite', 'postgres'];
const GIB = 1024 ** 3;

interface Fresh {
  readonly store: Store;
  readonly drop: () => Promise<void>;
}

let postgresAdmin: string | undefined;
let stopPostgres: (() => void) | undefined;

async function freshStore(dialect: StoreDialect, name: string): Promise<Fresh> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'store-bench-'));
    const store = await openStore(`sqlite:${join(dir, `${name}.db`)}`);
    return { store, drop: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  if (postgresAdmin === undefined) {
    postgresAdmin = process.env['BENCH_POSTGRES_URL'];
    if (postgresAdmin === undefined) {
      let provided: string | undefined;
      // why a stand-in project: the integration tests' cluster setup only needs `provide` to hand back its URL.
      const project = { provide: (_key: string, url: string) => { provided = url; } } as unknown as TestProject;
      stopPostgres = await startPostgres(project);
      postgresAdmin = provided;
    }
  }
  const admin = postgresAdmin ?? '';
  const withAdmin = async (query: string): Promise<void> => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try { await client.query(query); } finally { await client.end(); }
  };
  await withAdmin(`create database "${name}"`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const store = await openStore(url.toString());
  return { store, drop: async () => { await store.close(); await withAdmin(`drop database if exists "${name}"`); } };
}

/** Wall time and this process's CPU time (user + system) of `fn`: on a shared 2-core machine the CPU figure is steadier. */
async function measure(fn: () => Promise<void>): Promise<{ ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

function report(dialect: StoreDialect, op: string, count: number, time: { ms: number; cpuMs: number }, extra: Record<string, number> = {}): void {
  const perSec = Math.round((count * 1000) / time.ms);
  const line = `${dialect.padEnd(8)} ${op.padEnd(28)} ${String(count).padStart(7)} in ${(time.ms / 1000).toFixed(2).padStart(6)} s`;
  process.stdout.write(`${line}  ${String(perSec).padStart(8)}/s   (node CPU ${(time.cpuMs / 1000).toFixed(2)} s)\n`);
  process.stdout.write(`${JSON.stringify({ bench: 'store-write', dialect, op, count, ms: Math.round(time.ms), cpuMs: Math.round(time.cpuMs), perSec, ...extra })}\n`);
}

interface Prepared {
  readonly register: SyncRegisterStore;
  readonly runId: string;
  readonly connectionId: string;
  readonly departmentId: string;
  readonly fieldsOf: (device: ManagedDevice) => AssetFields;
}

async function prepare(store: Store, devices: readonly ManagedDevice[]): Promise<Prepared> {
  const { reference, connections, runs } = store.repos;
  const departmentId = (await reference.getDefaultDepartment()).id;
  const connection = await connections.create({ name: 'bench', departmentId, settings: {}, credentialsEncrypted: null });
  const run = await runs.create({ connectionId: connection.id });
  const register = createRegisterStore(store, { departmentId, dryRun: false });
  const categories = new Map<string, string>();
  for (const os of new Set(devices.map((d) => d.operatingSystem ?? 'Unknown'))) {
    categories.set(os, await register.references.categoryId({ category: `${os} device`, group: 'Computers' }));
  }
  const owners = new Map<string, { email: string; first: string; last: string }>();
  for (const d of devices) {
    if (d.userPrincipalName) owners.set(d.userPrincipalName.toLowerCase(), { email: d.emailAddress || d.userPrincipalName, first: 'First', last: 'Last' });
  }
  const userIds = await register.createUsers({
    departmentId,
    source: `intune:${connection.id}`,
    users: [...owners].map(([key, o]) => ({ key, email: o.email, upn: key, employeeId: null, samAccountName: null, firstName: o.first, lastName: o.last, externalId: null })),
  }).written;
  const fieldsOf = (d: ManagedDevice): AssetFields => {
    const owner = d.userPrincipalName ? userIds.get(d.userPrincipalName.toLowerCase()) ?? null : null;
    return {
      ...ASSET_DEFAULTS,
      categoryId: categories.get(d.operatingSystem ?? 'Unknown') ?? null,
      name: d.deviceName ?? null,
      serialNumber: d.serialNumber || null,
      make: d.manufacturer ?? null,
      model: d.model ?? null,
      os: d.operatingSystem ?? null,
      osVersion: d.osVersion ?? null,
      memoryGb: d.physicalMemoryInBytes ? d.physicalMemoryInBytes / GIB : null,
      storageGb: d.totalStorageSpaceInBytes ? d.totalStorageSpaceInBytes / GIB : null,
      imei: d.imei || null,
      meid: d.meid || null,
      wifiMac: d.wiFiMacAddress || null,
      ethernetMac: d.ethernetMacAddress || null,
      statusKey: owner === null ? 'in_store' : 'allocated',
      allocatedUserId: owner,
      allocatedAt: owner === null ? null : '2024-05-01T00:00:00.000Z',
      allocatedBy: owner === null ? null : 'Intune integration',
      categoryValues: { complianceState: d.complianceState ?? null },
      intuneDeviceId: d.id ?? null,
      azureAdDeviceId: d.azureADDeviceId ?? null,
      managementState: d.managementState ?? null,
      source: 'intune',
      sourceConnectionId: connection.id,
      contentHash: (d.id ?? '').slice(0, 16),
      lastSeenInSourceAt: d.lastSyncDateTime ?? null,
      lastSeenRunId: run.id,
    };
  };
  return { register, runId: run.id, connectionId: connection.id, departmentId, fieldsOf };
}

async function createAll(p: Prepared, devices: readonly ManagedDevice[], batchSize: number): Promise<void> {
  for (let i = 0; i < devices.length; i += batchSize) {
    const slice = devices.slice(i, i + batchSize);
    await p.register.writeBatch({
      runId: p.runId,
      connectionId: p.connectionId,
      actor: 'Intune integration',
      batch: {
        creates: slice.map((d) => ({ deviceId: d.id ?? '', fields: p.fieldsOf(d) })),
        updates: [],
        outcomes: slice.map((d) => ({ deviceId: d.id ?? '', deviceName: d.deviceName ?? null, outcome: 'created' as const, reason: null, assetId: null })),
      },
    });
  }
}

async function lookupAll(p: Prepared, devices: readonly ManagedDevice[], befores: Asset[]): Promise<number> {
  let found = 0;
  for (let i = 0; i < devices.length; i += 1000) {
    const chunk = devices.slice(i, i + 1000);
    const assets = await p.register.findAssets({
      departmentId: p.departmentId,
      intuneDeviceIds: chunk.map((d) => d.id ?? ''),
      matchField: 'serialNumber',
      // The pipeline never matches on garbage serials ("0", "Default string", …: SPEC §4.2), so neither does this.
      matchValues: chunk.map((d) => d.serialNumber ?? '').filter((serial) => !GARBAGE_SERIALS.includes(serial)),
    });
    found += assets.length;
    if (befores.length < 1000) befores.push(...assets.slice(0, 1000 - befores.length));
  }
  return found;
}

async function updateAll(p: Prepared, befores: readonly Asset[]): Promise<void> {
  for (let i = 0; i < befores.length; i += 50) {
    const slice = befores.slice(i, i + 50);
    await p.register.writeBatch({
      runId: p.runId,
      connectionId: p.connectionId,
      actor: 'Intune integration',
      batch: {
        creates: [],
        updates: slice.map((before) => ({ deviceId: before.intuneDeviceId ?? before.id, before, patch: { osVersion: `${before.osVersion ?? ''}.1`, contentHash: 'changed' } })),
        outcomes: slice.map((before) => ({ deviceId: before.intuneDeviceId ?? before.id, deviceName: before.name, outcome: 'updated' as const, reason: null, assetId: before.id })),
      },
    });
  }
}

async function benchDialect(dialect: StoreDialect, devices: readonly ManagedDevice[]): Promise<void> {
  for (const batchSize of [50, 500]) {
    const fresh = await freshStore(dialect, `bench_${String(batchSize)}_${String(process.pid)}`);
    try {
      const p = await prepare(fresh.store, devices);
      report(dialect, `create (batch ${String(batchSize)})`, devices.length, await measure(() => createAll(p, devices, batchSize)), { batchSize });
      if (batchSize !== 500) continue;
      const befores: Asset[] = [];
      let found = 0;
      const lookups = await measure(async () => {
        found = await lookupAll(p, devices, befores);
      });
      report(dialect, 'findAssets (chunks of 1000)', devices.length, lookups, { found });
      report(dialect, 'update (batch 50)', befores.length, await measure(() => updateAll(p, befores)));
    } finally {
      await fresh.drop();
    }
  }
}

const fleet = generateFleet({ devices: DEVICES, seed: 1, nowMs: Date.parse('2025-01-01T00:00:00Z') });
try {
  for (const dialect of DIALECTS) await benchDialect(dialect, fleet.devices);
} finally {
  stopPostgres?.();
}
