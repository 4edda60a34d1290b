import type { Insertable, Selectable } from 'kysely';
import { ASSET_STATUS_KEYS } from '../../domain/status.js';
import { toMacKey, toNameKey, toSerialKey } from '../../domain/asset.js';
import type { Asset, AssetField, AssetFields } from '../../domain/asset.js';
import type { FixedAssetTable } from '../database.js';
import { asMember, parseJsonObject, stringifyJson } from './codec.js';

/** Domain field → column; every field has exactly one column (lookup keys are derived on write). */
export const ASSET_COLUMNS = {
  categoryId: 'category_id',
  serialNumber: 'serial_number',
  name: 'name',
  make: 'make',
  model: 'model',
  os: 'os',
  osVersion: 'os_version',
  memoryGb: 'memory_gb',
  storageGb: 'storage_gb',
  storageType: 'storage_type',
  imei: 'imei',
  meid: 'meid',
  wifiMac: 'wifi_mac',
  ethernetMac: 'ethernet_mac',
  colour: 'colour',
  displaySize: 'display_size',
  releaseDate: 'release_date',
  statusKey: 'status_key',
  subStatusId: 'sub_status_id',
  conditionId: 'condition_id',
  siteId: 'site_id',
  locationId: 'location_id',
  storeId: 'store_id',
  floorId: 'floor_id',
  usageType: 'usage_type',
  purpose: 'purpose',
  allocatedUserId: 'allocated_user_id',
  allocatedAt: 'allocated_at',
  allocatedBy: 'allocated_by',
  categoryValues: 'category_values',
  intuneDeviceId: 'intune_device_id',
  azureAdDeviceId: 'azure_ad_device_id',
  activationLockBypassCodeEncrypted: 'activation_lock_bypass_code_encrypted',
  managementState: 'management_state',
  source: 'source',
  sourceConnectionId: 'source_connection_id',
  contentHash: 'content_hash',
  lastSeenInSourceAt: 'last_seen_in_source_at',
  lastSeenRunId: 'last_seen_run_id',
} as const satisfies Record<AssetField, keyof FixedAssetTable>;

export function toAsset(row: Selectable<FixedAssetTable>): Asset {
  return {
    id: row.id,
    departmentId: row.department_id,
    assetTag: row.asset_tag,
    categoryId: row.category_id,
    serialNumber: row.serial_number,
    name: row.name,
    make: row.make,
    model: row.model,
    os: row.os,
    osVersion: row.os_version,
    memoryGb: row.memory_gb,
    storageGb: row.storage_gb,
    storageType: row.storage_type,
    imei: row.imei,
    meid: row.meid,
    wifiMac: row.wifi_mac,
    ethernetMac: row.ethernet_mac,
    colour: row.colour,
    displaySize: row.display_size,
    releaseDate: row.release_date,
    statusKey: asMember(row.status_key, ASSET_STATUS_KEYS, 'fixed_assets.status_key'),
    subStatusId: row.sub_status_id,
    conditionId: row.condition_id,
    siteId: row.site_id,
    locationId: row.location_id,
    storeId: row.store_id,
    floorId: row.floor_id,
    usageType: row.usage_type,
    purpose: row.purpose,
    allocatedUserId: row.allocated_user_id,
    allocatedAt: row.allocated_at,
    allocatedBy: row.allocated_by,
    categoryValues: parseJsonObject(row.category_values, 'fixed_assets.category_values'),
    intuneDeviceId: row.intune_device_id,
    azureAdDeviceId: row.azure_ad_device_id,
    activationLockBypassCodeEncrypted: row.activation_lock_bypass_code_encrypted,
    managementState: row.management_state,
    source: row.source,
    sourceConnectionId: row.source_connection_id,
    contentHash: row.content_hash,
    lastSeenInSourceAt: row.last_seen_in_source_at,
    lastSeenRunId: row.last_seen_run_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The columns to write for a partial change of fields, with the derived lookup keys kept in step. */
export function toAssetColumns(fields: Partial<AssetFields>): Partial<Insertable<FixedAssetTable>> {
  const columns: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields) as [AssetField, AssetFields[AssetField] | undefined][]) {
    if (value === undefined) continue;
    const column = ASSET_COLUMNS[field];
    if (column === undefined) throw new Error(`unknown asset field ${JSON.stringify(field)}`);
    columns[column] = field === 'categoryValues' ? stringifyJson(value as AssetFields['categoryValues']) : value;
  }
  if (fields.serialNumber !== undefined) columns['serial_key'] = toSerialKey(fields.serialNumber);
  if (fields.name !== undefined) columns['name_key'] = toNameKey(fields.name);
  if (fields.wifiMac !== undefined) columns['wifi_mac_key'] = toMacKey(fields.wifiMac);
  if (fields.ethernetMac !== undefined) columns['ethernet_mac_key'] = toMacKey(fields.ethernetMac);
  return columns as Partial<Insertable<FixedAssetTable>>;
}

export function toAssetRow(asset: Asset): Insertable<FixedAssetTable> {
  const { id, departmentId, assetTag, createdAt, updatedAt, ...fields } = asset;
  return {
    ...(toAssetColumns(fields) as Insertable<FixedAssetTable>),
    id,
    department_id: departmentId,
    asset_tag: assetTag,
    created_at: createdAt,
    updated_at: updatedAt,
  };
}

/** Every column of fixed_assets, in the order `rowFromValues` reads a row fetched as an array. */
export const FIXED_ASSET_COLUMNS = [
  'id', 'department_id', 'asset_tag', 'category_id', 'serial_number', 'serial_key', 'name', 'name_key', 'make', 'model',
  'os', 'os_version', 'memory_gb', 'storage_gb', 'storage_type', 'imei', 'meid', 'wifi_mac', 'wifi_mac_key',
  'ethernet_mac', 'ethernet_mac_key', 'colour', 'display_size', 'release_date', 'status_key', 'sub_status_id',
  'condition_id', 'site_id', 'location_id', 'store_id', 'floor_id', 'usage_type', 'purpose', 'allocated_user_id',
  'allocated_at', 'allocated_by', 'category_values', 'intune_device_id', 'azure_ad_device_id',
  'activation_lock_bypass_code_encrypted', 'management_state', 'source', 'source_connection_id', 'content_hash',
  'last_seen_in_source_at', 'last_seen_run_id', 'missing_from_source_since', 'created_at', 'updated_at',
] as const satisfies readonly (keyof FixedAssetTable)[];

type Cell = string | null;
const text = (value: unknown): Cell => (value === null || value === undefined ? null : String(value));
const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/**
 * A row selected as an array of FIXED_ASSET_COLUMNS. One object literal in a fixed shape: building it in JS is
 * several times cheaper than letting the driver create 49-key row objects.
 */
export function rowFromValues(v: readonly unknown[]): Selectable<FixedAssetTable> {
  return {
    id: String(v[0]), department_id: String(v[1]), asset_tag: String(v[2]), category_id: text(v[3]), serial_number: text(v[4]),
    serial_key: text(v[5]), name: text(v[6]), name_key: text(v[7]), make: text(v[8]), model: text(v[9]), os: text(v[10]),
    os_version: text(v[11]), memory_gb: num(v[12]), storage_gb: num(v[13]), storage_type: text(v[14]), imei: text(v[15]),
    meid: text(v[16]), wifi_mac: text(v[17]), wifi_mac_key: text(v[18]), ethernet_mac: text(v[19]), ethernet_mac_key: text(v[20]),
    colour: text(v[21]), display_size: num(v[22]), release_date: text(v[23]), status_key: String(v[24]), sub_status_id: text(v[25]),
    condition_id: text(v[26]), site_id: text(v[27]), location_id: text(v[28]), store_id: text(v[29]), floor_id: text(v[30]),
    usage_type: text(v[31]), purpose: text(v[32]), allocated_user_id: text(v[33]), allocated_at: text(v[34]),
    allocated_by: text(v[35]), category_values: v[36], intune_device_id: text(v[37]), azure_ad_device_id: text(v[38]),
    activation_lock_bypass_code_encrypted: text(v[39]), management_state: text(v[40]), source: String(v[41]),
    source_connection_id: text(v[42]), content_hash: text(v[43]), last_seen_in_source_at: text(v[44]),
    last_seen_run_id: text(v[45]), missing_from_source_since: text(v[46]), created_at: String(v[47]), updated_at: String(v[48]),
  };
}
