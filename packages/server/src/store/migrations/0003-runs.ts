import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { addIdentityKey } from './column-types.js';
import type { ColumnTypes } from './column-types.js';

// why `any`: migrations are frozen in time and must not depend on the current Database interface (Kysely docs).
export async function up(db: Kysely<any>, types: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('is_dry_run', 'integer', (c) => c.notNull().defaultTo(0).check(sql`is_dry_run in (0, 1)`))
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('heartbeat_at', 'text')
    .addColumn('report', types.json)
    .addColumn('error', 'text')
    .addColumn('progress', types.json)
    .execute();
  await db.schema.createIndex('runs_connection_idx').on('runs').columns(['connection_id', 'queued_at', 'id']).execute();
  await db.schema.createIndex('runs_status_idx').on('runs').column('status').execute();

  await addIdentityKey(db.schema.createTable('run_devices'), types)
    .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('intune_device_id', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('asset_id', 'text')
    .execute();
  await db.schema.createIndex('run_devices_run_idx').on('run_devices').columns(['run_id', 'id']).execute();
  await db.schema.createIndex('run_devices_device_idx').on('run_devices').column('intune_device_id').execute();

  // A lease rather than a PostgreSQL advisory lock: it works on SQLite too, survives pooled connections, and a
  // crashed worker's lock expires instead of living as long as a leaked session.
  await db.schema
    .createTable('run_locks')
    .addColumn('connection_id', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('acquired_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}
