import type { Kysely } from 'kysely';
import { addIdentityKey } from './column-types.js';
import type { ColumnTypes } from './column-types.js';

const TEXT_COLUMNS = [
  'serial_number', 'serial_key', 'name', 'name_key', 'make', 'model', 'os', 'os_version', 'storage_type', 'imei',
  'meid', 'wifi_mac', 'wifi_mac_key', 'ethernet_mac', 'ethernet_mac_key', 'colour', 'release_date', 'usage_type',
  'purpose', 'allocated_at', 'allocated_by', 'intune_device_id', 'azure_ad_device_id',
  'activation_lock_bypass_code_encrypted', 'management_state', 'content_hash', 'last_seen_in_source_at',
  'last_seen_run_id',
] as const;

const LOOKUP_INDEXES = [
  'serial_key', 'name_key', 'wifi_mac_key', 'ethernet_mac_key', 'imei', 'intune_device_id', 'azure_ad_device_id',
] as const;

// why `any`: migrations are frozen in time and must not depend on the current Database interface (Kysely docs).
export async function up(db: Kysely<any>, types: ColumnTypes): Promise<void> {
  let assets = db.schema
    .createTable('fixed_assets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('asset_tag', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.references('asset_categories.id').onDelete('set null'))
    .addColumn('memory_gb', types.float)
    .addColumn('storage_gb', types.float)
    .addColumn('display_size', types.float)
    .addColumn('status_key', 'text', (c) => c.notNull().references('statuses.key'))
    .addColumn('sub_status_id', 'text', (c) => c.references('sub_statuses.id').onDelete('set null'))
    .addColumn('condition_id', 'text', (c) => c.references('conditions.id').onDelete('set null'))
    .addColumn('site_id', 'text', (c) => c.references('sites.id').onDelete('set null'))
    .addColumn('location_id', 'text', (c) => c.references('locations.id').onDelete('set null'))
    .addColumn('store_id', 'text', (c) => c.references('stores.id').onDelete('set null'))
    .addColumn('floor_id', 'text', (c) => c.references('floors.id').onDelete('set null'))
    .addColumn('allocated_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('category_values', types.json, (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_connection_id', 'text', (c) => c.references('connections.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // Tags come from a per-department sequence, so two departments may both hold AST-000001.
    .addUniqueConstraint('fixed_assets_department_tag_uq', ['department_id', 'asset_tag']);
  for (const column of TEXT_COLUMNS) assets = assets.addColumn(column, 'text');
  await assets.execute();
  for (const column of LOOKUP_INDEXES) {
    await db.schema.createIndex(`fixed_assets_${column}_idx`).on('fixed_assets').column(column).execute();
  }
  for (const column of ['updated_at', 'created_at', 'asset_tag'] as const) {
    await db.schema.createIndex(`fixed_assets_${column}_page_idx`).on('fixed_assets').columns([column, 'id']).execute();
  }
  await db.schema.createIndex('fixed_assets_allocated_user_idx').on('fixed_assets').column('allocated_user_id').execute();
  await db.schema
    .createIndex('fixed_assets_source_connection_idx')
    .on('fixed_assets')
    .column('source_connection_id')
    .execute();

  await addIdentityKey(db.schema.createTable('allocation_history'), types)
    .addColumn('asset_id', 'text', (c) => c.notNull().references('fixed_assets.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('run_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('allocation_history_asset_idx').on('allocation_history').columns(['asset_id', 'id']).execute();

  await db.schema
    .createTable('field_provenance')
    .addColumn('asset_id', 'text', (c) => c.notNull().references('fixed_assets.id').onDelete('cascade'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text')
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('field_provenance_pk', ['asset_id', 'field'])
    .execute();

  // No foreign key on entity_id: the log outlives the records it describes.
  await addIdentityKey(db.schema.createTable('audit_log'), types)
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('run_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_type', 'entity_id', 'id']).execute();
  await db.schema.createIndex('audit_log_run_idx').on('audit_log').column('run_id').execute();
}
