import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { ConnectionSummary } from '@intune-assets/contracts';
import { ConnectionService } from '../../connections/connection-service.js';
import { emulatorInfo, startEmulator } from '../../emulator/index.js';
import { createIntuneClient } from '../../graph/index.js';
import type { RetryPolicy } from '../../graph/index.js';
import type { EmulatorOptions, RunningEmulator } from '../../emulator/index.js';
import { createLogger } from '../../logging/logger.js';
import { SecretBox } from '../../security/secret-box.js';
import type { Store } from '../../store/connect.js';
import type { RunReport } from '../../sync/run-report.js';
import { SyncService } from '../sync-service.js';
import type { SyncRequest } from '../sync-service.js';
import type { Scenario } from './scenario.js';

/** An emulated tenant serving a scenario file that a test can rewrite between two runs. */
export interface ScenarioTenant {
  readonly emulator: RunningEmulator;
  /** Rewrites the scenario file and resolves once the emulator serves the new fleet. */
  setScenario(scenario: Scenario): Promise<void>;
  close(): Promise<void>;
}

/** Starts emulated tenants for the tests of one `describe` and closes them after each test. */
export function useScenarioTenants(): (scenario: Scenario, options?: Omit<EmulatorOptions, 'scenarioFile' | 'log'>) => Promise<ScenarioTenant> {
  const tenants: ScenarioTenant[] = [];
  afterEach(async () => {
    await Promise.all(tenants.splice(0).map((t) => t.close()));
  });
  return async (scenario, options = {}) => {
    const tenant = await startScenarioTenant(scenario, options);
    tenants.push(tenant);
    return tenant;
  };
}

export async function startScenarioTenant(scenario: Scenario, options: Omit<EmulatorOptions, 'scenarioFile' | 'log'> = {}): Promise<ScenarioTenant> {
  const dir = mkdtempSync(join(tmpdir(), 'ia-scenario-'));
  const file = join(dir, 'scenario.json');
  writeFileSync(file, JSON.stringify(scenario));
  let waiter: { resolve: () => void; reject: (error: Error) => void } | null = null;
  const emulator = await startEmulator({
    ...options,
    scenarioFile: file,
    stateDir: dir,
    log: (line) => {
      if (waiter === null) return;
      if (line.includes('scenario reloaded')) waiter.resolve();
      else if (line.includes('scenario change ignored')) waiter.reject(new Error(line));
    },
  });
  return {
    emulator,
    setScenario(next) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the emulator did not reload the scenario within 5 s')), 5000);
        waiter = {
          resolve: () => {
            clearTimeout(timer);
            waiter = null;
            resolve();
          },
          reject: (error) => {
            clearTimeout(timer);
            waiter = null;
            reject(error);
          },
        };
        writeFileSync(file, JSON.stringify(next));
      });
    },
    close: () => emulator.close(),
  };
}

/** The emulator's printed line plus a name and sync settings: a connection file (SPEC §7.3). */
export function connectionDocument(emulator: RunningEmulator, name: string, settings: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, department: name, ...emulatorInfo(emulator), ...settings };
}

/** The services `createApp` wires, over a test store (the same classes, a throwaway key, a silent log). */
export interface SyncHarness {
  readonly connections: ConnectionService;
  readonly sync: SyncService;
  add(document: Record<string, unknown>): Promise<ConnectionSummary>;
  run(name: string, request?: SyncRequest): Promise<RunReport>;
}

export interface SyncHarnessOptions {
  readonly now?: () => Date;
  readonly lockTtlMs?: number;
  /** Shorter backoff for fault tests; the client, its retry table and its limiter are the production ones. */
  readonly retryPolicy?: Partial<RetryPolicy>;
}

export function syncHarness(store: Store, options: SyncHarnessOptions = {}): SyncHarness {
  const secretBox = new SecretBox(randomBytes(32));
  const { retryPolicy } = options;
  const connections = new ConnectionService({
    store,
    secretBox,
    ...(retryPolicy === undefined ? {} : { openGraph: (graphOptions) => createIntuneClient({ ...graphOptions, retryPolicy }) }),
  });
  const sync = new SyncService({
    store,
    connections,
    secretBox,
    logger: createLogger({ level: 'silent' }),
    instance: 'production',
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.lockTtlMs === undefined ? {} : { lockTtlMs: options.lockTtlMs }),
  });
  return {
    connections,
    sync,
    add: (document) => connections.add(document),
    run: (name, request) => sync.run(name, request),
  };
}

/** One asset of a connection's department with its references resolved to names, for whole-register assertions. */
export interface RegisterAsset {
  readonly assetTag: string;
  readonly serialNumber: string | null;
  readonly name: string | null;
  readonly intuneDeviceId: string | null;
  readonly category: string | null;
  readonly status: string;
  readonly subStatus: string | null;
  readonly condition: string | null;
  readonly store: string | null;
  readonly make: string | null;
  readonly model: string | null;
  readonly osVersion: string | null;
  readonly lastSeenInSourceAt: string | null;
  readonly memoryGb: number | null;
  readonly storageGb: number | null;
  readonly allocatedToEmail: string | null;
  readonly managementState: string | null;
  readonly usageType: string | null;
  readonly missingFromSourceSince: string | null;
}

/** The assets of the department a connection writes to, ordered by serial then asset tag. */
export async function registerOf(store: Store, connectionName: string): Promise<RegisterAsset[]> {
  const connection = await store.db.selectFrom('connections').select('department_id').where('name', '=', connectionName).executeTakeFirstOrThrow();
  const rows = await store.db
    .selectFrom('fixed_assets as a')
    .leftJoin('asset_categories as c', 'c.id', 'a.category_id')
    .leftJoin('sub_statuses as ss', 'ss.id', 'a.sub_status_id')
    .leftJoin('conditions as co', 'co.id', 'a.condition_id')
    .leftJoin('stores as st', 'st.id', 'a.store_id')
    .leftJoin('users as u', 'u.id', 'a.allocated_user_id')
    .select([
      'a.asset_tag', 'a.serial_number', 'a.name', 'a.intune_device_id', 'c.name as category', 'a.status_key', 'ss.name as sub_status',
      'co.name as condition', 'st.name as store', 'a.make', 'a.model', 'a.os_version', 'a.memory_gb', 'a.storage_gb', 'u.email',
      'a.management_state', 'a.usage_type', 'a.missing_from_source_since', 'a.last_seen_in_source_at',
    ])
    .where('a.department_id', '=', connection.department_id)
    .orderBy('a.serial_number')
    .orderBy('a.asset_tag')
    .execute();
  return rows.map((r) => ({
    assetTag: r.asset_tag,
    serialNumber: r.serial_number,
    name: r.name,
    intuneDeviceId: r.intune_device_id,
    category: r.category,
    status: r.status_key,
    subStatus: r.sub_status,
    condition: r.condition,
    store: r.store,
    make: r.make,
    model: r.model,
    osVersion: r.os_version,
    lastSeenInSourceAt: r.last_seen_in_source_at,
    memoryGb: r.memory_gb === null ? null : Number(r.memory_gb),
    storageGb: r.storage_gb === null ? null : Number(r.storage_gb),
    allocatedToEmail: r.email,
    managementState: r.management_state,
    usageType: r.usage_type,
    missingFromSourceSince: r.missing_from_source_since,
  }));
}

/** Row count and newest write of the tables a sync writes per device, to prove a run wrote nothing. */
export async function writeMarks(store: Store): Promise<Record<string, { rows: number; newest: string | null }>> {
  const assets = await store.db.selectFrom('fixed_assets').select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('updated_at').as('m')]).executeTakeFirstOrThrow();
  const audit = await store.db.selectFrom('audit_log').select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('at').as('m')]).executeTakeFirstOrThrow();
  const provenance = await store.db.selectFrom('field_provenance').select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('set_at').as('m')]).executeTakeFirstOrThrow();
  const users = await store.db.selectFrom('users').select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('updated_at').as('m')]).executeTakeFirstOrThrow();
  const mark = (r: { n: unknown; m: unknown }): { rows: number; newest: string | null } => ({ rows: Number(r.n), newest: r.m === null ? null : String(r.m) });
  return { fixed_assets: mark(assets), audit_log: mark(audit), field_provenance: mark(provenance), users: mark(users) };
}

/** CLI contract invariants of a report (SPEC §7.3): fetched = synced + unsynced, unsynced = Σ skipped + failed. */
export function countsAddUp(report: Pick<RunReport, 'counts'>): boolean {
  const c = report.counts;
  const skipped = Object.values(c.skipped).reduce((sum: number, n) => sum + (n ?? 0), 0);
  return c.fetched === c.synced + c.unsynced && c.unsynced === skipped + c.failed && c.synced === c.created + c.updated + c.unchanged;
}
