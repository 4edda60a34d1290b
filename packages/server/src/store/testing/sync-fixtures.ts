import { ASSET_DEFAULTS } from '../../domain/asset.js';
import type { AssetFields } from '../../domain/asset.js';
import type { Store } from '../connect.js';
import type { Database } from '../database.js';

export interface SyncFixture {
  readonly departmentId: string;
  readonly connectionId: string;
  readonly runId: string;
}

/** A connection of the default department and a run of it, as a sync starts with (run_devices needs the run). */
export async function seedConnectionRun(store: Store, name: string): Promise<SyncFixture> {
  const departmentId = (await store.repos.reference.getDefaultDepartment()).id;
  const connection = await store.repos.connections.create({ name, departmentId, settings: {}, credentialsEncrypted: null });
  const run = await store.repos.runs.create({ connectionId: connection.id });
  return { departmentId, connectionId: connection.id, runId: run.id };
}

/** Asset fields as the pipeline would send them for an Intune device. */
export function intuneFields(overrides: Partial<AssetFields> = {}): AssetFields {
  return { ...ASSET_DEFAULTS, source: 'intune', make: 'Dell', model: 'Latitude 7440', ...overrides };
}

/** Every table of the register, to prove that something wrote nothing. */
export const REGISTER_TABLES = [
  'departments', 'asset_tag_sequences', 'sites', 'locations', 'stores', 'floors', 'users', 'statuses', 'sub_statuses',
  'conditions', 'asset_groups', 'asset_categories', 'category_fields', 'connections', 'fixed_assets',
  'allocation_history', 'field_provenance', 'audit_log', 'runs', 'run_devices', 'run_locks', 'accounts', 'sessions',
] as const satisfies readonly (keyof Database)[];

// A table added to Database but not listed above fails the type check here.
const LISTS_EVERY_TABLE: Exclude<keyof Database, (typeof REGISTER_TABLES)[number]> extends never ? true : false = true;
void LISTS_EVERY_TABLE;

/** Row count of every table plus the asset-tag sequences' next values. */
export async function snapshotCounts(store: Store): Promise<Record<string, number | string>> {
  const counts: Record<string, number | string> = {};
  for (const table of REGISTER_TABLES) {
    const row = await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  const sequences = await store.db.selectFrom('asset_tag_sequences').select(['department_id', 'next_value']).orderBy('department_id').execute();
  counts['asset_tag_sequences.next_value'] = sequences.map((s) => `${s.department_id}=${String(s.next_value)}`).join(',');
  return counts;
}
