import { sql } from 'kysely';
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

const NAME_SOURCES = [
  ['department', 'departments', 'id', 'name', 'null'],
  ['group', 'asset_groups', 'id', 'name', 'null'],
  ['category', 'asset_categories', 'id', 'name', 'group_id'],
  ['status', 'statuses', 'key', 'display_name', 'null'],
  ['sub_status', 'sub_statuses', 'id', 'name', 'status_key'],
  ['condition', 'conditions', 'id', 'name', 'null'],
  ['connection', 'connections', 'id', 'name', 'null'],
  ['site', 'sites', 'id', 'name', 'null'],
  ['location', 'locations', 'id', 'name', 'null'],
  ['store', 'stores', 'id', 'name', 'null'],
  ['floor', 'floors', 'id', 'name', 'null'],
] as const;

/** Statuses keep their configured order; everything else is listed by name. */
const ORDER_BY: Readonly<Record<string, string>> = { statuses: 'sort_order', conditions: 'sort_order' };

/** All of them in one round trip (a union of the small tables), which matters on a busy PostgreSQL pool. */
export async function loadRegisterNames(db: Kysely<Database>): Promise<RegisterNames> {
  const union = NAME_SOURCES.map(
    ([kind, table, id, name, extra], i) =>
      `select '${kind}' as kind, ${id} as id, ${name} as name, ${extra} as extra, ${String(i)} as part, ` +
      `row_number() over (order by ${ORDER_BY[table] ?? name}) as position from ${table}`,
  ).join(' union all ');
  const { rows } = await sql<{ kind: string; id: string; name: string; extra: string | null }>`${sql.raw(union)} order by part, position`.execute(db);
  const maps = new Map<string, { id: string; name: string; extra: string | null }[]>();
  for (const row of rows) {
    const list = maps.get(row.kind) ?? [];
    list.push(row);
    maps.set(row.kind, list);
  }
  const list = (kind: string) => maps.get(kind) ?? [];
  const byId = (kind: string) => new Map(list(kind).map((r) => [r.id, r.name]));
  const groupNames = byId('group');
  return {
    departments: byId('department'),
    categories: new Map(list('category').map((c) => [c.id, { name: c.name, group: c.extra === null ? null : (groupNames.get(c.extra) ?? null) }])),
    statuses: byId('status'),
    subStatuses: new Map(list('sub_status').map((s) => [s.id, { name: s.name, statusKey: s.extra ?? '' }])),
    conditions: byId('condition'),
    connections: byId('connection'),
    sites: byId('site'),
    locations: byId('location'),
    stores: byId('store'),
    floors: byId('floor'),
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
