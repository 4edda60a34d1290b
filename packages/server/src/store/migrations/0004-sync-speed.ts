import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const LOOKUP_COLUMNS = [
  'serial_key', 'name_key', 'wifi_mac_key', 'ethernet_mac_key', 'imei', 'intune_device_id', 'azure_ad_device_id',
] as const;

/**
 * The sync's share of a 100,000-device first run has to fit in seconds, and every index is paid on each insert.
 * Lookup indexes become partial (`is not null`): many devices have no IMEI, ethernet MAC or owner, and a lookup by
 * `x in (…)` implies `x is not null`, so both planners still use them. `run_devices(intune_device_id)` had no
 * reader. Reconcile needs to know since when a device has been missing from Intune.
 */
// why `any`: migrations are frozen in time and must not depend on the current Database interface (Kysely docs).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('fixed_assets').addColumn('missing_from_source_since', 'text').execute();

  for (const column of LOOKUP_COLUMNS) {
    await db.schema.dropIndex(`fixed_assets_${column}_idx`).execute();
    await db.schema
      .createIndex(`fixed_assets_${column}_idx`)
      .on('fixed_assets')
      .column(column)
      .where(sql.ref(column), 'is not', null)
      .execute();
  }
  for (const [index, column] of [
    ['fixed_assets_allocated_user_idx', 'allocated_user_id'],
    ['fixed_assets_source_connection_idx', 'source_connection_id'],
  ] as const) {
    await db.schema.dropIndex(index).execute();
    await db.schema.createIndex(index).on('fixed_assets').column(column).where(sql.ref(column), 'is not', null).execute();
  }
  await db.schema.dropIndex('run_devices_device_idx').execute();
}
