import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ColumnTypes } from './column-types.js';

const STATUSES = [
  ['in_store', 'In Store'],
  ['allocated', 'Allocated'],
  ['in_transit', 'In Transit'],
  ['in_repair', 'In Repair'],
  ['inactive', 'Inactive'],
  ['missing', 'Missing'],
  ['retired', 'Retired'],
] as const;

const CONDITIONS = ['good', 'faulty', 'damaged'] as const;

// why `any`: migrations are frozen in time and must not depend on the current Database interface (Kysely docs).
export async function up(db: Kysely<any>, types: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('departments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0).check(sql`is_default in (0, 1)`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('asset_tag_sequences')
    .addColumn('department_id', 'text', (c) => c.primaryKey().references('departments.id').onDelete('cascade'))
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('next_value', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('sites_department_name_uq', ['department_id', 'name'])
    .execute();
  for (const [table, parent, parentTable] of [
    ['locations', 'site_id', 'sites'],
    ['stores', 'location_id', 'locations'],
    ['floors', 'location_id', 'locations'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn(parent, 'text', (c) => c.notNull().references(`${parentTable}.id`).onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addUniqueConstraint(`${table}_parent_name_uq`, [parent, 'name'])
      .execute();
  }

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('email_lower', 'text')
    .addColumn('upn', 'text')
    .addColumn('upn_lower', 'text')
    .addColumn('employee_id', 'text')
    .addColumn('employee_id_lower', 'text')
    .addColumn('sam_account_name', 'text')
    .addColumn('sam_account_name_lower', 'text')
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('site_id', 'text', (c) => c.references('sites.id').onDelete('set null'))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1).check(sql`is_active in (0, 1)`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('users_department_email_uq', ['department_id', 'email_lower'])
    .addUniqueConstraint('users_department_external_uq', ['department_id', 'source', 'external_id'])
    .execute();
  for (const column of ['upn_lower', 'employee_id_lower', 'sam_account_name_lower'] as const) {
    await db.schema.createIndex(`users_${column}_idx`).on('users').columns(['department_id', column]).execute();
  }

  await db.schema
    .createTable('statuses')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sub_statuses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status_key', 'text', (c) => c.notNull().references('statuses.key'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('sub_statuses_status_name_uq', ['status_key', 'name'])
    .execute();
  await db.schema
    .createTable('conditions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('asset_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('asset_groups_department_name_uq', ['department_id', 'name'])
    .execute();
  await db.schema
    .createTable('asset_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('asset_groups.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('default_condition_id', 'text', (c) => c.references('conditions.id').onDelete('set null'))
    .addColumn('default_sub_status_id', 'text', (c) => c.references('sub_statuses.id').onDelete('set null'))
    .addColumn('default_store_id', 'text', (c) => c.references('stores.id').onDelete('set null'))
    .addUniqueConstraint('asset_categories_department_name_uq', ['department_id', 'name'])
    .execute();
  await db.schema
    .createTable('category_fields')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('category_id', 'text', (c) => c.notNull().references('asset_categories.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('is_required', 'integer', (c) => c.notNull().defaultTo(0).check(sql`is_required in (0, 1)`))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('category_fields_category_name_uq', ['category_id', 'name'])
    .execute();

  await db.schema
    .createTable('connections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1).check(sql`is_active in (0, 1)`))
    .addColumn('settings', types.json, (c) => c.notNull())
    .addColumn('credentials_encrypted', 'text')
    .addColumn('available_fields', types.json)
    .addColumn('available_fields_at', 'text')
    .addColumn('available_fields_source', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  const now = new Date().toISOString();
  const departmentId = randomUUID();
  await db.insertInto('departments').values({ id: departmentId, name: 'Default', is_default: 1, created_at: now }).execute();
  await db
    .insertInto('asset_tag_sequences')
    .values({ department_id: departmentId, prefix: 'AST-', width: 6, next_value: 1 })
    .execute();
  await db
    .insertInto('statuses')
    .values(STATUSES.map(([key, display_name], i) => ({ key, display_name, sort_order: i + 1 })))
    .execute();
  await db
    .insertInto('conditions')
    .values(CONDITIONS.map((name, i) => ({ id: randomUUID(), name, sort_order: i + 1 })))
    .execute();
}
