import type { Kysely } from 'kysely';

/**
 * Indexes for the optional match fields are built on first use instead (`repos/asset-lookup.ts`
 * `ensureLookupIndex`): each random-key index cost a 100,000-device first sync about a second on SQLite, and a
 * register matches on the linked Intune id plus one field, by default the serial number.
 */
// why `any`: migrations are frozen in time and must not depend on the current Database interface (Kysely docs).
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['name_key', 'wifi_mac_key', 'ethernet_mac_key', 'imei', 'azure_ad_device_id'] as const) {
    await db.schema.dropIndex(`fixed_assets_${column}_idx`).execute();
  }
}
