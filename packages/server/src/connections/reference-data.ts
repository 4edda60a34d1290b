import { CATEGORY_TARGET_PREFIX } from '@intune-assets/contracts';
import type { ReferenceData } from '@intune-assets/contracts';
import { registerFields } from '../mapping/register-fields.js';
import type { Store } from '../store/connect.js';

/** Usage types offered before the register has any (SymphonyAI's allocation section); ones in use are added. */
export const DEFAULT_USAGE_TYPES = ['Primary', 'Secondary', 'Shared', 'Loaner', 'Spare'] as const;

/**
 * The setup page's dropdowns, across departments (each row names its department): departments, asset groups,
 * categories with their fields (required ones must be mapped, SPEC §4.6), statuses and sub-statuses, conditions,
 * sites, stores, usage types, and the standard fields a mapping may target.
 */
export async function readReferenceData(store: Store): Promise<ReferenceData> {
  const { db, repos } = store;
  const departments = await repos.reference.listDepartments();
  const departmentName = new Map(departments.map((d) => [d.id, d.name]));
  const nameOf = (id: string): string => departmentName.get(id) ?? id;

  const groups = await db.selectFrom('asset_groups').selectAll().orderBy('name').execute();
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const categories = await db.selectFrom('asset_categories').selectAll().orderBy('name').execute();
  const fields = await db.selectFrom('category_fields').selectAll().orderBy('category_id').orderBy('sort_order').execute();
  const sites = await db.selectFrom('sites').selectAll().orderBy('name').execute();
  const stores = await db
    .selectFrom('stores as st')
    .innerJoin('locations as l', 'l.id', 'st.location_id')
    .innerJoin('sites as s', 's.id', 'l.site_id')
    .select(['st.id', 'st.name', 'l.name as location', 's.name as site'])
    .orderBy('s.name').orderBy('l.name').orderBy('st.name')
    .execute();
  const usage = await db.selectFrom('fixed_assets').select('usage_type').distinct().where('usage_type', 'is not', null).execute();

  return {
    departments: departments.map((d) => ({ id: d.id, name: d.name, isDefault: d.isDefault })),
    assetGroups: groups.map((g) => ({ id: g.id, name: g.name, department: nameOf(g.department_id) })),
    categories: categories.map((c) => ({
      id: c.id,
      name: c.name,
      department: nameOf(c.department_id),
      group: groupName.get(c.group_id) ?? null,
      fields: fields
        .filter((f) => f.category_id === c.id)
        .map((f) => ({ name: f.name, type: f.type, isRequired: Boolean(f.is_required), target: `${CATEGORY_TARGET_PREFIX}${f.name}` })),
    })),
    statuses: (await repos.reference.listStatuses()).map((s) => ({ key: s.key, displayName: s.displayName })),
    subStatuses: (await repos.reference.listSubStatuses()).map((s) => ({ id: s.id, name: s.name, statusKey: s.statusKey })),
    conditions: (await repos.reference.listConditions()).map((c) => ({ id: c.id, name: c.name })),
    sites: sites.map((s) => ({ id: s.id, name: s.name, department: nameOf(s.department_id) })),
    stores: stores.map((s) => ({ id: s.id, name: s.name, site: s.site, location: s.location })),
    usageTypes: [...new Set([...DEFAULT_USAGE_TYPES, ...usage.flatMap((u) => (u.usage_type === null ? [] : [u.usage_type]))])],
    registerFields: registerFields(),
  };
}
