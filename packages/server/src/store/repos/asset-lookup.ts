import { toMacKey, toNameKey, toSerialKey } from '../../domain/asset.js';
import type { Asset } from '../../domain/asset.js';
import { GUID_KEY_SQL, toGuidKey } from '../../domain/match-key.js';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { toAsset } from './asset-row.js';
import { chunkValues } from './codec.js';
import type { RepoContext } from './codec.js';

/** The identifiers a device can be matched on (SPEC §4.7): linked Intune id first, then the configured field. */
export const ASSET_LOOKUP_KEYS = ['intuneDeviceId', 'serialNumber', 'name', 'mac', 'imei', 'azureAdDeviceId'] as const;
export type AssetLookupKey = (typeof ASSET_LOOKUP_KEYS)[number];

const trimmed = (value: string | null | undefined): string | null => {
  const v = value?.trim() ?? '';
  return v === '' ? null : v;
};

const NORMALISE: Record<AssetLookupKey, (value: string | null | undefined) => string | null> = {
  intuneDeviceId: trimmed,
  serialNumber: toSerialKey,
  name: toNameKey,
  mac: toMacKey,
  imei: trimmed,
  azureAdDeviceId: toGuidKey,
};

/** Azure AD device ids compare case-insensitively: the stored value is normalised in SQL, by an expression index. */
const AZURE_AD_DEVICE_KEY = GUID_KEY_SQL('azure_ad_device_id');

/** A partial index on a column, or an index on an expression (spelled exactly as the lookups spell it). */
type OnDemandIndex = { readonly name: string; readonly column: string } | { readonly name: string; readonly expression: string };

const columnIndex = (column: string): OnDemandIndex => ({ name: `fixed_assets_${column}_idx`, column });

/** Indexes built on first use (migration 0005): the linked Intune id and the serial key have fixed ones. */
const ON_DEMAND_INDEXES: Readonly<Partial<Record<AssetLookupKey, readonly OnDemandIndex[]>>> = {
  name: [columnIndex('name_key')],
  mac: [columnIndex('wifi_mac_key'), columnIndex('ethernet_mac_key')],
  imei: [columnIndex('imei')],
  // Not partial: SQLite uses a partial index only when the query's terms imply its WHERE on the bare column.
  azureAdDeviceId: [{ name: 'fixed_assets_azure_ad_device_key_idx', expression: AZURE_AD_DEVICE_KEY }],
};

/**
 * Makes sure the lookup by `key` has its index. Idempotent; call it once per run (on PostgreSQL even `if not
 * exists` takes a lock that waits for running writers). A concurrent creator winning the race is not an error.
 */
export async function ensureLookupIndex(db: Kysely<Database>, key: AssetLookupKey): Promise<void> {
  // A case-sensitive index an earlier version built on the bare column serves no lookup any more.
  if (key === 'azureAdDeviceId') await db.schema.dropIndex('fixed_assets_azure_ad_device_id_idx').ifExists().execute();
  for (const index of ON_DEMAND_INDEXES[key] ?? []) {
    const builder = db.schema.createIndex(index.name).ifNotExists().on('fixed_assets');
    const create = () =>
      ('column' in index ? builder.column(index.column).where(sql.ref(index.column), 'is not', null) : builder.expression(sql.raw(index.expression))).execute();
    try {
      await create();
    } catch {
      await create();
    }
  }
}

/** The distinct non-empty lookup keys of `values`, normalised as `key` requires. */
export function lookupKeys(key: AssetLookupKey, values: readonly (string | null | undefined)[]): string[] {
  const normalise = NORMALISE[key];
  return [...new Set(values.map(normalise).filter((v): v is string => v !== null))];
}

/** The key columns (or, for Azure AD device ids, the key expression) a lookup by `key` compares with. */
export const LOOKUP_COLUMNS: Readonly<Record<AssetLookupKey, readonly string[]>> = {
  intuneDeviceId: ['intune_device_id'],
  serialNumber: ['serial_key'],
  name: ['name_key'],
  mac: ['wifi_mac_key', 'ethernet_mac_key'],
  imei: ['imei'],
  azureAdDeviceId: [AZURE_AD_DEVICE_KEY],
};

export async function findAssetsBy(
  ctx: RepoContext,
  key: AssetLookupKey,
  values: readonly (string | null | undefined)[],
  scope: { departmentId?: string },
): Promise<Asset[]> {
  const normalise = NORMALISE[key];
  const keys = [...new Set(values.map(normalise).filter((v): v is string => v !== null))];
  const found = new Map<string, Asset>();
  for (const chunk of chunkValues(keys, ctx.maxBindParameters / 2)) {
    let query = ctx.db.selectFrom('fixed_assets').selectAll();
    switch (key) {
      case 'intuneDeviceId':
        query = query.where('intune_device_id', 'in', chunk);
        break;
      case 'serialNumber':
        query = query.where('serial_key', 'in', chunk);
        break;
      case 'name':
        query = query.where('name_key', 'in', chunk);
        break;
      case 'mac':
        query = query.where((eb) => eb.or([eb('wifi_mac_key', 'in', chunk), eb('ethernet_mac_key', 'in', chunk)]));
        break;
      case 'imei':
        query = query.where('imei', 'in', chunk);
        break;
      case 'azureAdDeviceId':
        query = query.where(sql.raw<string>(AZURE_AD_DEVICE_KEY), 'in', chunk);
        break;
      default: {
        const unhandled: never = key;
        throw new Error(`unknown asset lookup key ${String(unhandled)}`);
      }
    }
    // The department scope is applied here, not in SQL: SQLite without statistics prefers the (department_id,
    // asset_tag) index for `department_id = ? and key in (…)` and scans the whole department instead of the key.
    for (const row of await query.execute()) {
      if (scope.departmentId === undefined || row.department_id === scope.departmentId) found.set(row.id, toAsset(row));
    }
  }
  return [...found.values()].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
}
