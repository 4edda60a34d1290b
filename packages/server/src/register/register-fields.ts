import type { AssetField } from '../domain/asset.js';
import type { AssetExportRow } from './register-export.js';

/**
 * The asset fields a person sees on the detail page, in page order, with their labels. Bookkeeping (content hash)
 * and the bypass code ciphertext are left out: the code shows only as "present" and through the audited reveal.
 */
export const DETAIL_FIELDS = [
  ['name', 'Name'],
  ['serialNumber', 'Serial number'],
  ['categoryId', 'Category'],
  ['statusKey', 'Status'],
  ['subStatusId', 'Sub-status'],
  ['conditionId', 'Condition'],
  ['make', 'Make'],
  ['model', 'Model'],
  ['os', 'Operating system'],
  ['osVersion', 'OS version'],
  ['memoryGb', 'Memory (GB)'],
  ['storageGb', 'Storage (GB)'],
  ['storageType', 'Storage type'],
  ['imei', 'IMEI'],
  ['meid', 'MEID'],
  ['wifiMac', 'Wi-Fi MAC'],
  ['ethernetMac', 'Ethernet MAC'],
  ['colour', 'Colour'],
  ['displaySize', 'Display size (in)'],
  ['releaseDate', 'Release date'],
  ['siteId', 'Site'],
  ['locationId', 'Location'],
  ['storeId', 'Store'],
  ['floorId', 'Floor'],
  ['usageType', 'Usage type'],
  ['purpose', 'Purpose'],
  ['allocatedUserId', 'Allocated to'],
  ['allocatedAt', 'Allocated at'],
  ['allocatedBy', 'Allocated by'],
  ['intuneDeviceId', 'Intune device id'],
  ['azureAdDeviceId', 'Entra device id'],
  ['managementState', 'Management state'],
  ['source', 'Source'],
  ['sourceConnectionId', 'Connection'],
  ['lastSeenInSourceAt', 'Last seen in Intune'],
  ['lastSeenRunId', 'Last seen by run'],
] as const satisfies ReadonlyArray<readonly [AssetField, string]>;

const LABELS: ReadonlyMap<string, string> = new Map<string, string>([
  ...DETAIL_FIELDS,
  ['activationLockBypassCodeEncrypted', 'Activation lock bypass code'],
  ['categoryValues', 'Category fields'],
  ['contentHash', 'Content hash'],
]);

export function fieldLabel(field: string): string {
  return LABELS.get(field) ?? field;
}

/** The CSV export's columns: register-export's row keys with their labels as the header. */
export const EXPORT_COLUMNS = [
  ['assetTag', 'Asset tag'], ['name', 'Name'], ['serialNumber', 'Serial number'], ['category', 'Category'], ['status', 'Status'],
  ['subStatus', 'Sub-status'], ['condition', 'Condition'], ['make', 'Make'], ['model', 'Model'], ['os', 'Operating system'],
  ['osVersion', 'OS version'], ['memoryGb', 'Memory (GB)'], ['storageGb', 'Storage (GB)'], ['imei', 'IMEI'], ['wifiMac', 'Wi-Fi MAC'],
  ['allocatedToEmail', 'Allocated to (email)'], ['allocatedAt', 'Allocated at'], ['intuneDeviceId', 'Intune device id'],
  ['azureAdDeviceId', 'Entra device id'], ['managementState', 'Management state'], ['lastSeenInSourceAt', 'Last seen in Intune'],
  ['source', 'Source'], ['createdAt', 'Created at'], ['updatedAt', 'Updated at'],
] as const satisfies ReadonlyArray<readonly [keyof AssetExportRow, string]>;
