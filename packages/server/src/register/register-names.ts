import type { Kysely } from 'kysely';
import type { NamedRef, UserRef } from '@intune-assets/contracts';
import type { Database } from '../store/database.js';
import type { User } from '../domain/user.js';

/** Id → name of the small reference tables an asset points at; loaded once per request (tens of rows). */
export interface RegisterNames {
  readonly departments: ReadonlyMap<string, string>;
  readonly categories: ReadonlyMap<string, { readonly name: string; readonly group: string | null }>;
  readonly statuses: ReadonlyMap<string, string>;
  readonly subStatuses: ReadonlyMap<string, { readonly name: string; readonly statusKey: string }>;
  readonly conditions: ReadonlyMap<string, string>;
  readonly connections: ReadonlyMap<string, string>;
  readonly sites: ReadonlyMap<string, string>;
  readonly locations: ReadonlyMap<string, string>;
  readonly stores: ReadonlyMap<string, string>;
  readonly floors: ReadonlyMap<string, string>;
}

export async function loadRegisterNames(db: Kysely<Database>): Promise<RegisterNames> {
  const [departments, groups, categories, statuses, subStatuses, conditions, connections, sites, locations, stores, floors] = await Promise.all([
    db.selectFrom('departments').select(['id', 'name']).execute(),
    db.selectFrom('asset_groups').select(['id', 'name']).execute(),
    db.selectFrom('asset_categories').select(['id', 'name', 'group_id']).orderBy('name').execute(),
    db.selectFrom('statuses').select(['key', 'display_name']).orderBy('sort_order').execute(),
    db.selectFrom('sub_statuses').select(['id', 'name', 'status_key']).orderBy('name').execute(),
    db.selectFrom('conditions').select(['id', 'name']).orderBy('sort_order').execute(),
    db.selectFrom('connections').select(['id', 'name']).orderBy('name').execute(),
    db.selectFrom('sites').select(['id', 'name']).execute(),
    db.selectFrom('locations').select(['id', 'name']).execute(),
    db.selectFrom('stores').select(['id', 'name']).execute(),
    db.selectFrom('floors').select(['id', 'name']).execute(),
  ]);
  const groupNames = new Map(groups.map((g) => [g.id, g.name]));
  const byId = (rows: readonly { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  return {
    departments: byId(departments),
    categories: new Map(categories.map((c) => [c.id, { name: c.name, group: groupNames.get(c.group_id) ?? null }])),
    statuses: new Map(statuses.map((s) => [s.key, s.display_name])),
    subStatuses: new Map(subStatuses.map((s) => [s.id, { name: s.name, statusKey: s.status_key }])),
    conditions: byId(conditions),
    connections: byId(connections),
    sites: byId(sites),
    locations: byId(locations),
    stores: byId(stores),
    floors: byId(floors),
  };
}

export function namedRef(id: string | null, names: ReadonlyMap<string, string | { readonly name: string }>): NamedRef | null {
  if (id === null) return null;
  const found = names.get(id);
  return { id, name: found === undefined ? id : typeof found === 'string' ? found : found.name };
}

/** "First Last", else the email, UPN or employee id: a person is never shown as a bare id when anything else is known. */
export function userDisplayName(user: Pick<User, 'firstName' | 'lastName' | 'email' | 'upn' | 'employeeId' | 'id'>): string {
  const full = [user.firstName, user.lastName].filter((p): p is string => p !== null && p !== '').join(' ');
  return full !== '' ? full : (user.email ?? user.upn ?? user.employeeId ?? user.id);
}

export function toUserRef(user: Pick<User, 'firstName' | 'lastName' | 'email' | 'upn' | 'employeeId' | 'id'>): UserRef {
  return { id: user.id, name: userDisplayName(user), email: user.email };
}

/** The users an asset page points at, in one query. */
export async function loadUserRefs(db: Kysely<Database>, ids: readonly (string | null)[]): Promise<Map<string, UserRef>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'first_name', 'last_name', 'email', 'upn', 'employee_id'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(
    rows.map((r) => [r.id, toUserRef({ id: r.id, firstName: r.first_name, lastName: r.last_name, email: r.email, upn: r.upn, employeeId: r.employee_id })]),
  );
}
