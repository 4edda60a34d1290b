import type { Kysely } from 'kysely';

/**
 * The assets list filters by category or status and pages by asset tag (issue #6: a filtered page of 100,000
 * assets in under 100 ms). `(category_id|status_key, asset_tag, id)` answer such a page and its count from the
 * index alone. They are cheap to maintain: tags are handed out in order, so an insert appends to the end of its
 * category's (or status's) range instead of landing at a random leaf like the lookup keys do.
 * Searching by device name needs `name_key` indexed too; that one is built on first use, like name matching builds
 * it (repos/asset-lookup.ts `ensureLookupIndex`), because maintaining it costs a 100,000-device first sync on
 * SQLite about a second.
 */
// why `any`: migrations are frozen in time and must not depend on the current Database interface (Kysely docs).
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['category_id', 'status_key'] as const) {
    await db.schema.createIndex(`fixed_assets_${column}_page_idx`).on('fixed_assets').columns([column, 'asset_tag', 'id']).execute();
  }
}
