import { CompiledQuery, sql } from 'kysely';
import type { ExpressionBuilder, Kysely, SelectQueryBuilder } from 'kysely';
import type { AssetListItem, AssetListSort } from '@intune-assets/contracts';
import { toNameKey, toSerialKey } from '../domain/asset.js';
import type { Asset } from '../domain/asset.js';
import type { AssetStatusKey } from '../domain/status.js';
import type { Database } from '../store/database.js';
import type { StoreDialect } from '../store/connect.js';
import { toAsset } from '../store/repos/asset-row.js';
import { decodeKeyset, encodeKeyset } from './register-cursor.js';
import { loadUserRefs, namedRef } from './register-names.js';
import type { RegisterNames } from './register-names.js';

export interface AssetListFilter {
  /** Prefix of the asset tag, name, serial number (as its key: case and punctuation ignored), or allocated user's email/name. */
  readonly search?: string | undefined;
  readonly categoryId?: string | undefined;
  readonly statusKey?: AssetStatusKey | undefined;
  readonly subStatusId?: string | undefined;
  readonly allocatedUserId?: string | undefined;
  readonly source?: string | undefined;
  readonly connectionId?: string | undefined;
}

export interface AssetListPageRequest extends AssetListFilter {
  readonly sort: AssetListSort;
  readonly cursor?: string | undefined;
  readonly limit: number;
}

type Db = Kysely<Database>;
type AssetQuery = SelectQueryBuilder<Database, 'fixed_assets', object>;
type AssetEb = ExpressionBuilder<Database, 'fixed_assets'>;

/**
 * Sort keys and the expression each orders by. `name` orders by the stored lower-case key with no name sorting
 * first ('' stands in for null, so the keyset comparison never meets a NULL).
 */
const SORT_EXPRESSIONS = {
  assetTag: sql<string>`asset_tag`,
  name: sql<string>`coalesce(name_key, '')`,
  updatedAt: sql<string>`updated_at`,
  createdAt: sql<string>`created_at`,
} as const;
type SortKey = keyof typeof SORT_EXPRESSIONS;

/** A search's total is counted up to this many matches; past it the total is this, flagged as not exact. */
const SEARCH_COUNT_CAP = 10_000;
/** Past this many expected matches a PostgreSQL count is replaced by the planner's estimate. */
const ESTIMATE_ABOVE_ROWS = 20_000;
const FIRST_NAME = sql<string>`lower(first_name)`;
const LAST_NAME = sql<string>`lower(last_name)`;
const FULL_NAME = sql<string>`lower(first_name || ' ' || last_name)`;
/** Sorts above every character a search term can end with, so `[p, p + TOP)` is "starts with p" (codepoint order). */
const TOP = '\uffff';

export function parseSort(sort: AssetListSort): { readonly key: SortKey; readonly isDescending: boolean } {
  const isDescending = sort.startsWith('-');
  return { key: (isDescending ? sort.slice(1) : sort) as SortKey, isDescending };
}

/**
 * Prefix search as a union of index range scans (`x >= p and x < p || U+FFFF`, never `like '%…%'`), one branch
 * per indexed key: asset tag (as typed and upper-cased), serial key, name key, and the allocated user's email
 * (`department_id in (…)` lets the `(department_id, email_lower)` key serve a range), first name, last name or
 * "first last". A union of branches, not one OR: SQLite falls back to a full scan for an OR unless every term of
 * it has an index.
 */
function searchCondition(db: Db, eb: AssetEb, search: string, options: FilterOptions) {
  const term = search.trim();
  const branch = (column: 'asset_tag' | 'serial_key' | 'name_key', prefix: string) =>
    db.selectFrom('fixed_assets').select('id').where(column, '>=', prefix).where(column, '<', prefix + TOP);
  const branches = [...new Set([term, term.toUpperCase()])].map((tag) => branch('asset_tag', tag));
  const serialKey = toSerialKey(term);
  if (serialKey !== null) branches.push(branch('serial_key', serialKey));
  const nameKey = toNameKey(term);
  if (nameKey !== null) branches.push(branch('name_key', nameKey));
  const userIds = options.searchUserIds ?? usersMatching(db, term, options.departmentIds);
  if (!Array.isArray(userIds) || userIds.length > 0) {
    branches.push(db.selectFrom('fixed_assets').select('id').where('allocated_user_id', 'in', userIds));
  }
  const [first, ...rest] = branches;
  if (first === undefined) return eb.val(false);
  return eb('id', 'in', rest.reduce((union, next) => union.unionAll(next), first));
}

/**
 * Users whose email (index range on `(department_id, email_lower)`: `department_id in (…)` makes the unique key
 * usable), first name, last name or "first last" starts with `term`, case-insensitively. The names have no index
 * (each would slow a first sync's employee inserts): the users table is scanned once per list call, and only for
 * a term without digits.
 */
export function usersMatching(db: Db, term: string, departmentIds: readonly string[]) {
  const lower = term.trim().toLowerCase();
  const byEmail = db
    .selectFrom('users')
    .select('id')
    .where('department_id', 'in', departmentIds.length > 0 ? departmentIds : [''])
    .where('email_lower', '>=', lower)
    .where('email_lower', '<', lower + TOP);
  // People's names hold no digits, serials and tags nearly always do: skip the scan for those.
  if (/\d/.test(lower)) return byEmail;
  const byName = db
    .selectFrom('users')
    .select('id')
    .where((u) =>
      u.or([
        u.and([u(FIRST_NAME, '>=', lower), u(FIRST_NAME, '<', lower + TOP)]),
        u.and([u(LAST_NAME, '>=', lower), u(LAST_NAME, '<', lower + TOP)]),
        u.and([u(FULL_NAME, '>=', lower), u(FULL_NAME, '<', lower + TOP)]),
      ]),
    );
  // union all: `in (…)` ignores duplicates, and a plain union makes SQLite read users through an index to sort them.
  return byEmail.unionAll(byName);
}

/** The ids of `usersMatching`, or undefined past `cap` (then the list query keeps it as a subquery). */
export async function resolveSearchUsers(db: Db, term: string, options: { departmentIds: readonly string[]; cap: number }): Promise<string[] | undefined> {
  const rows = await usersMatching(db, term, options.departmentIds).limit(options.cap + 1).execute();
  const ids = [...new Set(rows.map((r) => r.id))];
  return rows.length > options.cap ? undefined : ids;
}

export interface FilterOptions {
  readonly departmentIds: readonly string[];
  /**
   * SQLite only: keep the category/status/connection filters off their indexes (`+column`), so the planner walks
   * the sort's index and stops after one page. Right when many rows match; without statistics SQLite would
   * otherwise read every match through the filter's index and sort them all.
   */
  readonly shouldPreferSortIndex?: boolean;
  /** The users a search matched, resolved once per request (`resolveSearchUsers`); undefined = subquery. */
  readonly searchUserIds?: readonly string[] | undefined;
}

export function filteredAssets(db: Db, filter: AssetListFilter, options: FilterOptions): AssetQuery {
  const column = (name: 'category_id' | 'status_key' | 'source_connection_id') =>
    options.shouldPreferSortIndex === true ? sql<string>`+${sql.ref(name)}` : sql<string>`${sql.ref(name)}`;
  let query: AssetQuery = db.selectFrom('fixed_assets');
  if (filter.categoryId !== undefined) query = query.where(column('category_id'), '=', filter.categoryId);
  if (filter.statusKey !== undefined) query = query.where(column('status_key'), '=', filter.statusKey);
  if (filter.subStatusId !== undefined) query = query.where('sub_status_id', '=', filter.subStatusId);
  if (filter.allocatedUserId !== undefined) query = query.where('allocated_user_id', '=', filter.allocatedUserId);
  const source = filter.source;
  if (source !== undefined) {
    // A sync writes `intune:<connection id>`: the filter `intune` means any connection's.
    query = query.where((eb) => eb.or([eb('source', '=', source), eb.and([eb('source', '>=', `${source}:`), eb('source', '<', `${source}:${TOP}`)])]));
  }
  if (filter.connectionId !== undefined) query = query.where(column('source_connection_id'), '=', filter.connectionId);
  const search = filter.search?.trim();
  if (search !== undefined && search !== '') query = query.where((eb) => searchCondition(db, eb, search, options));
  return query;
}

/**
 * One keyset page, sorted by `sort` then id (so equal sort values never split or repeat across pages). Sorting
 * selects ids only and the page's rows are read after: a filtered sort then moves narrow rows, not 49 columns.
 */
export async function listAssetPage(
  db: Db,
  request: AssetListPageRequest & FilterOptions,
): Promise<{ readonly assets: Asset[]; readonly nextCursor: string | null }> {
  const { key, isDescending } = parseSort(request.sort);
  const order = isDescending ? 'desc' : 'asc';
  const expression = SORT_EXPRESSIONS[key];
  let query = filteredAssets(db, request, request).select('id').orderBy(expression, order).orderBy('id', order).limit(request.limit + 1);
  if (request.cursor !== undefined) {
    const after = decodeKeyset(request.cursor, request.sort);
    const comparison = isDescending ? sql.raw('<') : sql.raw('>');
    query = query.where(sql<boolean>`(${expression}, id) ${comparison} (${after.value ?? ''}, ${after.id})`);
  }
  const ids = (await query.execute()).map((r) => r.id);
  const pageIds = ids.slice(0, request.limit);
  const rows = pageIds.length === 0 ? [] : await db.selectFrom('fixed_assets').selectAll().where('id', 'in', pageIds).execute();
  const byId = new Map(rows.map((r) => [r.id, toAsset(r)]));
  const assets = pageIds.map((id) => byId.get(id)).filter((a): a is Asset => a !== undefined);
  const last = ids.length > request.limit ? assets.at(-1) : undefined;
  return { assets, nextCursor: last === undefined ? null : encodeKeyset({ sort: request.sort, value: sortValue(last, key), id: last.id }) };
}

function sortValue(asset: Asset, key: SortKey): string {
  if (key === 'name') return toNameKey(asset.name) ?? '';
  return asset[key];
}

/**
 * The number of assets matching. SQLite counts exactly (an index count of 100,000 entries is a few ms). PostgreSQL
 * counts exactly only when its planner expects at most ESTIMATE_ABOVE_ROWS matches; past that `count(*)` costs tens
 * of ms (every match is visited) and the planner's own row estimate is returned instead, flagged as one ("about").
 */
export async function countAssets(
  db: Db,
  options: FilterOptions & { readonly dialect: StoreDialect; readonly filter: AssetListFilter },
): Promise<{ total: number; isEstimate: boolean }> {
  const { dialect, filter } = options;
  if (dialect === 'postgres') {
    const estimate = await plannerEstimate(db, filteredAssets(db, filter, options).select('id'));
    if (estimate > ESTIMATE_ABOVE_ROWS) return { total: estimate, isEstimate: true };
  }
  if (filter.search !== undefined && filter.search.trim() !== '') {
    // A one-letter search matches most of the register; counting past SEARCH_COUNT_CAP tells a person nothing more.
    const capped = filteredAssets(db, filter, options).select('id').limit(SEARCH_COUNT_CAP + 1).as('matches');
    const row = await db.selectFrom(capped).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const n = Number(row.n);
    return n > SEARCH_COUNT_CAP ? { total: SEARCH_COUNT_CAP, isEstimate: true } : { total: n, isEstimate: false };
  }
  const row = await filteredAssets(db, filter, options)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return { total: Number(row.n), isEstimate: false };
}

async function plannerEstimate(db: Db, query: { compile(): CompiledQuery }): Promise<number> {
  const compiled = query.compile();
  const result = await db.executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]));
  const plan: unknown = result.rows[0]?.['QUERY PLAN'];
  const top = Array.isArray(plan) ? (plan[0] as { Plan?: { 'Plan Rows'?: unknown } } | undefined) : undefined;
  const rows = top?.Plan?.['Plan Rows'];
  return typeof rows === 'number' ? Math.round(rows) : 0;
}

/** List rows with names resolved; the page's users are read in one query. */
export async function toListItems(db: Db, assets: readonly Asset[], names: RegisterNames): Promise<AssetListItem[]> {
  const users = await loadUserRefs(db, assets.map((a) => a.allocatedUserId));
  return assets.map((a) => toListItem(a, names, users));
}

export function toListItem(asset: Asset, names: RegisterNames, users: ReadonlyMap<string, AssetListItem['allocatedUser'] & object>): AssetListItem {
  return {
    id: asset.id,
    assetTag: asset.assetTag,
    name: asset.name,
    serialNumber: asset.serialNumber,
    make: asset.make,
    model: asset.model,
    os: asset.os,
    osVersion: asset.osVersion,
    category: namedRef(asset.categoryId, names.categories),
    status: { key: asset.statusKey, name: names.statuses.get(asset.statusKey) ?? asset.statusKey },
    subStatus: namedRef(asset.subStatusId, names.subStatuses),
    allocatedUser: asset.allocatedUserId === null ? null : (users.get(asset.allocatedUserId) ?? { id: asset.allocatedUserId, name: asset.allocatedUserId, email: null }),
    source: sourceKind(asset.source),
    connection: namedRef(asset.sourceConnectionId, names.connections),
    lastSeenInSourceAt: asset.lastSeenInSourceAt,
    createdAt: asset.createdAt,
    updatedAt: asset.updatedAt,
  };
}

/** `intune:<connection id>` → `intune`: the list shows and filters by kind; the connection is its own column. */
export function sourceKind(source: string): string {
  const colon = source.indexOf(':');
  return colon === -1 ? source : source.slice(0, colon);
}
