import type { Asset } from '../../domain/asset.js';
import type { BulkSql, SqlValue } from '../dialects/bulk-sql.js';
import { LOOKUP_COLUMNS, lookupKeys } from '../repos/asset-lookup.js';
import { FIXED_ASSET_COLUMNS, rowFromValues, toAsset } from '../repos/asset-row.js';
import type { RegisterMatchField } from './register-types.js';

const SELECT_ASSETS = `select ${FIXED_ASSET_COLUMNS.join(', ')} from fixed_assets where `;
const HEADROOM = 100;

function inList(column: string, count: number): string {
  return `${column} in (${Array.from({ length: count }, () => '?').join(', ')})`;
}

/**
 * Assets linked to one of the Intune ids or matching one of the values on the match field, oldest first. One
 * query (`… in (…) or … in (…)`, an index union on both backends) when the keys fit the bind-parameter limit,
 * else one per chunk. The department is checked here rather than in SQL (see `asset-lookup.ts`).
 */
export async function readAssets(
  sql: BulkSql,
  query: {
    readonly departmentId: string;
    readonly intuneDeviceIds: readonly string[];
    readonly matchField: RegisterMatchField;
    readonly matchValues: readonly string[];
    readonly maxBindParameters: number;
  },
): Promise<Asset[]> {
  const ids = lookupKeys('intuneDeviceId', query.intuneDeviceIds);
  const keys = lookupKeys(query.matchField, query.matchValues);
  const columns = LOOKUP_COLUMNS[query.matchField];
  const perQuery = Math.max(1, query.maxBindParameters - HEADROOM);
  const lookups: { where: string; params: SqlValue[] }[] = [];
  const keyClause = (chunk: readonly string[]) => ({ where: columns.map((c) => inList(c, chunk.length)).join(' or '), params: columns.flatMap(() => chunk) });
  if (ids.length + keys.length * columns.length <= perQuery) {
    const parts = [...(ids.length > 0 ? [{ where: inList('intune_device_id', ids.length), params: ids }] : []), ...(keys.length > 0 ? [keyClause(keys)] : [])];
    if (parts.length > 0) lookups.push({ where: parts.map((p) => p.where).join(' or '), params: parts.flatMap((p) => p.params) });
  } else {
    for (let i = 0; i < ids.length; i += perQuery) {
      const chunk = ids.slice(i, i + perQuery);
      lookups.push({ where: inList('intune_device_id', chunk.length), params: chunk });
    }
    const perKeyQuery = Math.max(1, Math.floor(perQuery / columns.length));
    for (let i = 0; i < keys.length; i += perKeyQuery) lookups.push(keyClause(keys.slice(i, i + perKeyQuery)));
  }
  const found = new Map<string, Asset>();
  for (const lookup of lookups) {
    for (const values of await sql.values(SELECT_ASSETS + lookup.where, lookup.params)) {
      const row = rowFromValues(values);
      if (row.department_id === query.departmentId && !found.has(row.id)) found.set(row.id, toAsset(row));
    }
  }
  return [...found.values()].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
}

/**
 * Just the change-detection hash of the assets linked to these Intune ids: on a re-sync most devices are
 * unchanged, and for them the full 49-column row is never needed.
 */
export async function readAssetHashes(
  sql: BulkSql,
  query: { readonly departmentId: string; readonly intuneDeviceIds: readonly string[]; readonly maxBindParameters: number },
): Promise<Map<string, { readonly assetId: string; readonly contentHash: string | null }>> {
  const out = new Map<string, { assetId: string; contentHash: string | null }>();
  const ids = lookupKeys('intuneDeviceId', query.intuneDeviceIds);
  const size = Math.max(1, query.maxBindParameters - HEADROOM);
  for (let start = 0; start < ids.length; start += size) {
    const chunk = ids.slice(start, start + size);
    const rows = await sql.values(
      `select intune_device_id, id, content_hash, department_id from fixed_assets where ${inList('intune_device_id', chunk.length)}`,
      chunk as SqlValue[],
    );
    for (const [intuneId, id, hash, departmentId] of rows as Array<[string, string, string | null, string]>) {
      if (departmentId === query.departmentId) out.set(intuneId, { assetId: id, contentHash: hash });
    }
  }
  return out;
}
