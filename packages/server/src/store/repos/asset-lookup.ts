import { toMacKey, toNameKey, toSerialKey } from '../../domain/asset.js';
import type { Asset } from '../../domain/asset.js';
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
  azureAdDeviceId: trimmed,
};

/** Partial indexes built on first use (migration 0005): the linked Intune id and the serial key have fixed ones. */
const ON_DEMAND_INDEXES: Readonly<Partial<Record<AssetLookupKey, readonly string[]>>> = {
  name: ['name_key'],
  mac: ['wifi_mac_key', 'ethernet_mac_key'],
  imei: ['imei'],
  azureAdDeviceId: ['azure_ad_device_id'],
};

/**
 * Makes sure the lookup by `key` has its index. Idempotent; call it once per run (on PostgreSQL even `if not
 * exists` takes a lock that waits for running writers). A concurrent creator winning the race is not an error.
 */
export async function ensureLookupIndex(db: Kysely<Database>, key: AssetLookupKey): Promise<void> {
  for (const column of ON_DEMAND_INDEXES[key] ?? []) {
    const create = () =>
      db.schema.createIndex(`fixed_assets_${column}_idx`).ifNotExists().on('fixed_assets').column(column).where(sql.ref(column), 'is not', null).execute();
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

/** The key columns a lookup by `key` compares with. */
export const LOOKUP_COLUMNS: Readonly<Record<AssetLookupKey, readonly string[]>> = {
  intuneDeviceId: ['intune_device_id'],
  serialNumber: ['serial_key'],
  name: ['name_key'],
  mac: ['wifi_mac_key', 'ethernet_mac_key'],
  imei: ['imei'],
  azureAdDeviceId: ['azure_ad_device_id'],
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
        query = query.where('azure_ad_device_id', 'in', chunk);
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
