import { newId } from './new-id.js';
import type { Selectable } from 'kysely';
import { CATEGORY_FIELD_TYPES } from '../../domain/category.js';
import type { AssetCategory, AssetGroup, CategoryField, CategoryFieldType } from '../../domain/category.js';
import type { Department } from '../../domain/department.js';
import type { Floor, Location, Site, Store } from '../../domain/site.js';
import { ASSET_STATUS_KEYS } from '../../domain/status.js';
import type { AssetStatusKey, Condition, Status, SubStatus } from '../../domain/status.js';
import type { AssetCategoryTable, CategoryFieldTable, DepartmentTable } from '../database.js';
import { asMember, fromBool, inTransaction, nowIso, toBool } from './codec.js';
import type { RepoContext } from './codec.js';

export interface NewCategoryField {
  readonly name: string;
  readonly type: CategoryFieldType;
  readonly isRequired: boolean;
}

export interface CategoryDefaults {
  readonly defaultConditionId?: string | null;
  readonly defaultSubStatusId?: string | null;
  readonly defaultStoreId?: string | null;
}

const toDepartment = (row: Selectable<DepartmentTable>): Department => ({
  id: row.id,
  name: row.name,
  isDefault: toBool(row.is_default),
  createdAt: row.created_at,
});

const toCategory = (row: Selectable<AssetCategoryTable>): AssetCategory => ({
  id: row.id,
  departmentId: row.department_id,
  groupId: row.group_id,
  name: row.name,
  defaultConditionId: row.default_condition_id,
  defaultSubStatusId: row.default_sub_status_id,
  defaultStoreId: row.default_store_id,
});

const toCategoryField = (row: Selectable<CategoryFieldTable>): CategoryField => ({
  id: row.id,
  categoryId: row.category_id,
  name: row.name,
  type: asMember(row.type, CATEGORY_FIELD_TYPES, 'category_fields.type'),
  isRequired: toBool(row.is_required),
  sortOrder: row.sort_order,
});

/** Departments, places, categories, statuses and conditions: small tables, mostly get-or-create. */
export class ReferenceRepo {
  constructor(private readonly ctx: RepoContext) {}

  async getDefaultDepartment(): Promise<Department> {
    const row = await this.ctx.db.selectFrom('departments').selectAll().where('is_default', '=', 1).executeTakeFirst();
    if (!row) throw new Error('no default department: the 0001-reference migration seeds one; was it run?');
    return toDepartment(row);
  }

  async listDepartments(): Promise<Department[]> {
    const rows = await this.ctx.db.selectFrom('departments').selectAll().orderBy('name').execute();
    return rows.map(toDepartment);
  }

  async createDepartment(input: { name: string; assetTagPrefix?: string }): Promise<Department> {
    const row = { id: newId(), name: input.name, is_default: 0, created_at: nowIso(this.ctx) };
    await inTransaction(this.ctx.db, async (db) => {
      await db.insertInto('departments').values(row).execute();
      await db
        .insertInto('asset_tag_sequences')
        .values({ department_id: row.id, prefix: input.assetTagPrefix ?? 'AST-', width: 6, next_value: 1 })
        .execute();
    });
    return toDepartment(row);
  }

  async listStatuses(): Promise<Status[]> {
    const rows = await this.ctx.db.selectFrom('statuses').selectAll().orderBy('sort_order').execute();
    return rows.map((r) => ({
      key: asMember(r.key, ASSET_STATUS_KEYS, 'statuses.key'),
      displayName: r.display_name,
      sortOrder: r.sort_order,
    }));
  }

  async renameStatus(key: AssetStatusKey, displayName: string): Promise<void> {
    await this.ctx.db.updateTable('statuses').set({ display_name: displayName }).where('key', '=', key).execute();
  }

  async getOrCreateSubStatus(statusKey: AssetStatusKey, name: string): Promise<SubStatus> {
    await this.ctx.db
      .insertInto('sub_statuses')
      .values({ id: newId(), status_key: statusKey, name })
      .onConflict((oc) => oc.columns(['status_key', 'name']).doNothing())
      .execute();
    const row = await this.ctx.db
      .selectFrom('sub_statuses')
      .selectAll()
      .where('status_key', '=', statusKey)
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return { id: row.id, statusKey, name: row.name };
  }

  async listSubStatuses(statusKey?: AssetStatusKey): Promise<SubStatus[]> {
    let query = this.ctx.db.selectFrom('sub_statuses').selectAll().orderBy('name');
    if (statusKey !== undefined) query = query.where('status_key', '=', statusKey);
    const rows = await query.execute();
    return rows.map((r) => ({ id: r.id, statusKey: asMember(r.status_key, ASSET_STATUS_KEYS, 'sub_statuses.status_key'), name: r.name }));
  }

  async listConditions(): Promise<Condition[]> {
    const rows = await this.ctx.db.selectFrom('conditions').selectAll().orderBy('sort_order').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, sortOrder: r.sort_order }));
  }

  async getOrCreateCondition(name: string): Promise<Condition> {
    const existing = await this.ctx.db.selectFrom('conditions').selectAll().where('name', '=', name).executeTakeFirst();
    if (existing) return { id: existing.id, name: existing.name, sortOrder: existing.sort_order };
    const max = await this.ctx.db
      .selectFrom('conditions')
      .select((eb) => eb.fn.max('sort_order').as('max'))
      .executeTakeFirst();
    await this.ctx.db
      .insertInto('conditions')
      .values({ id: newId(), name, sort_order: Number(max?.max ?? 0) + 1 })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await this.ctx.db.selectFrom('conditions').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
    return { id: row.id, name: row.name, sortOrder: row.sort_order };
  }

  async getOrCreateSite(departmentId: string, name: string): Promise<Site> {
    const { db } = this.ctx;
    await db
      .insertInto('sites')
      .values({ id: newId(), department_id: departmentId, name })
      .onConflict((oc) => oc.columns(['department_id', 'name']).doNothing())
      .execute();
    const row = await db
      .selectFrom('sites')
      .selectAll()
      .where('department_id', '=', departmentId)
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return { id: row.id, departmentId: row.department_id, name: row.name };
  }

  async listSites(departmentId: string): Promise<Site[]> {
    const rows = await this.ctx.db.selectFrom('sites').selectAll().where('department_id', '=', departmentId).orderBy('name').execute();
    return rows.map((r) => ({ id: r.id, departmentId: r.department_id, name: r.name }));
  }

  async getOrCreateLocation(siteId: string, name: string): Promise<Location> {
    const { db } = this.ctx;
    await db
      .insertInto('locations')
      .values({ id: newId(), site_id: siteId, name })
      .onConflict((oc) => oc.columns(['site_id', 'name']).doNothing())
      .execute();
    const row = await db.selectFrom('locations').selectAll().where('site_id', '=', siteId).where('name', '=', name).executeTakeFirstOrThrow();
    return { id: row.id, siteId: row.site_id, name: row.name };
  }

  async getOrCreateStore(locationId: string, name: string): Promise<Store> {
    const { db } = this.ctx;
    await db
      .insertInto('stores')
      .values({ id: newId(), location_id: locationId, name })
      .onConflict((oc) => oc.columns(['location_id', 'name']).doNothing())
      .execute();
    const row = await db.selectFrom('stores').selectAll().where('location_id', '=', locationId).where('name', '=', name).executeTakeFirstOrThrow();
    return { id: row.id, locationId: row.location_id, name: row.name };
  }

  async getOrCreateFloor(locationId: string, name: string): Promise<Floor> {
    const { db } = this.ctx;
    await db
      .insertInto('floors')
      .values({ id: newId(), location_id: locationId, name })
      .onConflict((oc) => oc.columns(['location_id', 'name']).doNothing())
      .execute();
    const row = await db.selectFrom('floors').selectAll().where('location_id', '=', locationId).where('name', '=', name).executeTakeFirstOrThrow();
    return { id: row.id, locationId: row.location_id, name: row.name };
  }

  async getOrCreateGroup(departmentId: string, name: string): Promise<AssetGroup> {
    const { db } = this.ctx;
    await db
      .insertInto('asset_groups')
      .values({ id: newId(), department_id: departmentId, name })
      .onConflict((oc) => oc.columns(['department_id', 'name']).doNothing())
      .execute();
    const row = await db
      .selectFrom('asset_groups')
      .selectAll()
      .where('department_id', '=', departmentId)
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return { id: row.id, departmentId: row.department_id, name: row.name };
  }

  /** Names are unique per department: an existing category is returned as is, even if it sits in another group. */
  async getOrCreateCategory(input: { departmentId: string; groupId: string; name: string }): Promise<{ category: AssetCategory; isCreated: boolean }> {
    const { db } = this.ctx;
    const id = newId();
    await db
      .insertInto('asset_categories')
      .values({
        id,
        department_id: input.departmentId,
        group_id: input.groupId,
        name: input.name,
        default_condition_id: null,
        default_sub_status_id: null,
        default_store_id: null,
      })
      .onConflict((oc) => oc.columns(['department_id', 'name']).doNothing())
      .execute();
    const row = await db
      .selectFrom('asset_categories')
      .selectAll()
      .where('department_id', '=', input.departmentId)
      .where('name', '=', input.name)
      .executeTakeFirstOrThrow();
    return { category: toCategory(row), isCreated: row.id === id };
  }

  async getCategory(id: string): Promise<AssetCategory | undefined> {
    const row = await this.ctx.db.selectFrom('asset_categories').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toCategory(row) : undefined;
  }

  async listCategories(departmentId: string): Promise<AssetCategory[]> {
    const rows = await this.ctx.db
      .selectFrom('asset_categories')
      .selectAll()
      .where('department_id', '=', departmentId)
      .orderBy('name')
      .execute();
    return rows.map(toCategory);
  }

  async setCategoryDefaults(categoryId: string, defaults: CategoryDefaults): Promise<void> {
    const set = {
      ...(defaults.defaultConditionId !== undefined && { default_condition_id: defaults.defaultConditionId }),
      ...(defaults.defaultSubStatusId !== undefined && { default_sub_status_id: defaults.defaultSubStatusId }),
      ...(defaults.defaultStoreId !== undefined && { default_store_id: defaults.defaultStoreId }),
    };
    if (Object.keys(set).length === 0) return;
    await this.ctx.db.updateTable('asset_categories').set(set).where('id', '=', categoryId).execute();
  }

  /** Replaces the category's own field list; order is the list's order. */
  async setCategoryFields(categoryId: string, fields: readonly NewCategoryField[]): Promise<CategoryField[]> {
    const rows = fields.map((f, i) => ({
      id: newId(),
      category_id: categoryId,
      name: f.name,
      type: f.type,
      is_required: fromBool(f.isRequired),
      sort_order: i,
    }));
    await inTransaction(this.ctx.db, async (db) => {
      await db.deleteFrom('category_fields').where('category_id', '=', categoryId).execute();
      if (rows.length > 0) await db.insertInto('category_fields').values(rows).execute();
    });
    return rows.map(toCategoryField);
  }

  async listCategoryFields(categoryId: string): Promise<CategoryField[]> {
    const rows = await this.ctx.db
      .selectFrom('category_fields')
      .selectAll()
      .where('category_id', '=', categoryId)
      .orderBy('sort_order')
      .execute();
    return rows.map(toCategoryField);
  }
}
