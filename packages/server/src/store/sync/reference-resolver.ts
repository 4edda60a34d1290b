import type { AssetStatusKey } from '../../domain/status.js';
import type { Store } from '../connect.js';
import { dryRunId, isDryRunId } from './register-types.js';
import type { PlaceNameInput } from './register-types.js';

export interface PlaceIds {
  readonly siteId: string;
  readonly locationId: string;
  readonly storeId: string;
}

/** Structurally the `ReferenceResolver` of `sync/ports.ts`. */
export interface RegisterReferenceResolver {
  categoryId(input: { readonly category: string; readonly group: string }): Promise<string>;
  subStatusId(input: { readonly status: AssetStatusKey; readonly name: string }): Promise<string>;
  conditionId(name: string): Promise<string>;
  place(names: PlaceNameInput): Promise<PlaceIds>;
  floorId(input: { readonly locationId: string; readonly name: string }): Promise<string>;
}

function checkName(kind: string, name: string): string {
  if (name.trim() === '') throw new Error(`${kind} name is empty: reference data needs a name to be found or created`);
  return name;
}

/**
 * Get-or-create of reference data by name, each answer cached for the life of the resolver (one run). Promises
 * are cached, so concurrent callers asking for the same name share one lookup; a failed one is forgotten. In a
 * dry run nothing is created: existing ids are returned, missing ones get a placeholder (`dry-run:category:Laptop`).
 */
export function createReferenceResolver(store: Store, options: { readonly departmentId: string; readonly dryRun: boolean }): RegisterReferenceResolver {
  const { departmentId, dryRun } = options;
  const { db } = store;
  const { reference } = store.repos;
  const cache = new Map<string, Promise<string>>();
  const cached = (key: string, load: () => Promise<string>): Promise<string> => {
    let hit = cache.get(key);
    if (hit === undefined) {
      hit = load();
      cache.set(key, hit);
      hit.catch(() => cache.delete(key));
    }
    return hit;
  };

  const categoryId = async ({ category, group }: { readonly category: string; readonly group: string }): Promise<string> =>
    cached(`category\u0000${checkName('category', category)}`, async () => {
      if (dryRun) {
        const row = await db.selectFrom('asset_categories').select('id').where('department_id', '=', departmentId).where('name', '=', category).executeTakeFirst();
        return row?.id ?? dryRunId('category', category);
      }
      const groupId = await cached(`group\u0000${checkName('asset group', group)}`, async () => (await reference.getOrCreateGroup(departmentId, group)).id);
      return (await reference.getOrCreateCategory({ departmentId, groupId, name: category })).category.id;
    });

  const subStatusId = async ({ status, name }: { readonly status: AssetStatusKey; readonly name: string }): Promise<string> =>
    cached(`sub-status\u0000${status}\u0000${checkName('sub-status', name)}`, async () => {
      if (!dryRun) return (await reference.getOrCreateSubStatus(status, name)).id;
      const row = await db.selectFrom('sub_statuses').select('id').where('status_key', '=', status).where('name', '=', name).executeTakeFirst();
      return row?.id ?? dryRunId('sub-status', status, name);
    });

  const conditionId = async (name: string): Promise<string> =>
    cached(`condition\u0000${checkName('condition', name)}`, async () => {
      if (!dryRun) return (await reference.getOrCreateCondition(name)).id;
      const row = await db.selectFrom('conditions').select('id').where('name', '=', name).executeTakeFirst();
      return row?.id ?? dryRunId('condition', name);
    });

  const siteId = async (name: string): Promise<string> =>
    cached(`site\u0000${checkName('site', name)}`, async () => {
      if (!dryRun) return (await reference.getOrCreateSite(departmentId, name)).id;
      const row = await db.selectFrom('sites').select('id').where('department_id', '=', departmentId).where('name', '=', name).executeTakeFirst();
      return row?.id ?? dryRunId('site', name);
    });

  const locationId = async (site: string, name: string): Promise<string> =>
    cached(`location\u0000${site}\u0000${checkName('location', name)}`, async () => {
      const parent = await siteId(site);
      if (!dryRun) return (await reference.getOrCreateLocation(parent, name)).id;
      const row = isDryRunId(parent)
        ? undefined
        : await db.selectFrom('locations').select('id').where('site_id', '=', parent).where('name', '=', name).executeTakeFirst();
      return row?.id ?? dryRunId('location', site, name);
    });

  const storeId = async (names: PlaceNameInput): Promise<string> =>
    cached(`store\u0000${names.site}\u0000${names.location}\u0000${checkName('store', names.store)}`, async () => {
      const parent = await locationId(names.site, names.location);
      if (!dryRun) return (await reference.getOrCreateStore(parent, names.store)).id;
      const row = isDryRunId(parent)
        ? undefined
        : await db.selectFrom('stores').select('id').where('location_id', '=', parent).where('name', '=', names.store).executeTakeFirst();
      return row?.id ?? dryRunId('store', names.site, names.location, names.store);
    });

  const floorId = async ({ locationId: parent, name }: { readonly locationId: string; readonly name: string }): Promise<string> =>
    cached(`floor\u0000${parent}\u0000${checkName('floor', name)}`, async () => {
      if (!dryRun) {
        if (isDryRunId(parent)) throw new Error(`floor ${JSON.stringify(name)}: location id ${parent} is a dry-run placeholder, outside a dry run`);
        return (await reference.getOrCreateFloor(parent, name)).id;
      }
      const row = isDryRunId(parent)
        ? undefined
        : await db.selectFrom('floors').select('id').where('location_id', '=', parent).where('name', '=', name).executeTakeFirst();
      return row?.id ?? dryRunId('floor', parent, name);
    });

  return {
    categoryId,
    subStatusId,
    conditionId,
    async place(names) {
      const [site, location, storeIdValue] = await Promise.all([siteId(names.site), locationId(names.site, names.location), storeId(names)]);
      return { siteId: site, locationId: location, storeId: storeIdValue };
    },
    floorId,
  };
}
