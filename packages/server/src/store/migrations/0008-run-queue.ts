import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Runs requested from the UI and the scheduler: who or what asked for a run (the Sync-now debounce applies to
 * manual runs only), the device name of a run's per-device outcome (the run history is searched by name, and a
 * skipped device has no asset to take the name from), and an index for the dashboard's list across connections.
 */
// why `any`: migrations are frozen in time and must not depend on the current Database interface (Kysely docs).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('runs')
    .addColumn('trigger', 'text', (c) => c.notNull().defaultTo('cli').check(sql`"trigger" in ('manual', 'schedule', 'cli')`))
    .execute();
  await db.schema.alterTable('runs').addColumn('requested_by', 'text').execute();
  await db.schema.alterTable('run_devices').addColumn('device_name', 'text').execute();
  await db.schema.createIndex('runs_queued_idx').on('runs').columns(['queued_at', 'id']).execute();
}
