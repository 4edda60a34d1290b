/**
 * Vocabularies and shipped defaults of a connection's sync settings. The server keeps the same lists next to
 * its domain types (`sync/plan.ts`, `domain/status.ts`, `domain/user.ts`); a server test checks they agree.
 */

/** Standard asset fields a mapping may target; category fields are targeted as `category.<Field name>`. */
export const MAPPING_TARGETS = [
  'name', 'serialNumber', 'make', 'model', 'os', 'osVersion', 'memoryGb', 'storageGb', 'storageType', 'imei', 'meid',
  'wifiMac', 'ethernetMac', 'colour', 'displaySize', 'releaseDate', 'intuneDeviceId', 'azureAdDeviceId',
  'activationLockBypassCode', 'managementState', 'lastSeenInSourceAt',
] as const;
export type MappingTarget = (typeof MAPPING_TARGETS)[number];

export const CATEGORY_TARGET_PREFIX = 'category.';

export const SOURCES_OF_TRUTH = ['intune', 'register'] as const;
export type SourceOfTruth = (typeof SOURCES_OF_TRUTH)[number];

export const ASSET_STATUSES = ['in_store', 'allocated', 'in_transit', 'in_repair', 'inactive', 'missing', 'retired'] as const;
export const MATCH_FIELDS = ['serialNumber', 'name', 'mac', 'imei', 'azureAdDeviceId'] as const;
export const OWNER_FIELDS = ['userPrincipalName', 'emailAddress', 'userId'] as const;
export const USER_MATCH_FIELDS = ['email', 'upn', 'employeeId', 'samAccountName'] as const;
export const CLASSIFICATION_MODES = ['deviceType', 'single', 'field', 'rules'] as const;

/**
 * The key field mapping every connection starts from (SPEC §4.6); `mapping.fields` entries are merged over it.
 * No GET-only Intune field is read by default: each costs one GET per new or changed device inside Intune's
 * 2000 requests / 20 s budget, so memoryGb (physicalMemoryInBytes), ethernetMac and activationLockBypassCode
 * are opt-in.
 */
export const DEFAULT_FIELD_MAPPING: Readonly<Partial<Record<MappingTarget, string>>> = {
  name: "COALESCE(NULLIF(DeviceName, ''), NULLIF(ManagedDeviceName, ''))",
  serialNumber: 'SerialNumber',
  make: 'Manufacturer',
  model: 'Model',
  os: 'OperatingSystem',
  osVersion: 'OsVersion',
  storageGb: 'ROUND(TotalStorageBytes / 1073741824.0, 0)',
  imei: 'IMEI',
  meid: 'MEID',
  wifiMac: 'WiFiMacAddress',
  intuneDeviceId: 'Id',
  azureAdDeviceId: 'AzureADDeviceId',
  managementState: 'ManagementState',
  lastSeenInSourceAt: 'LastSyncDateTime',
};

/**
 * Who owns each standard field once the asset exists (allwhere's list for the hardware facts). The register
 * keeps the name an analyst may have given the asset and the serial it was matched by; everything Intune
 * measures follows Intune. Category fields default to `intune`.
 */
export const DEFAULT_SOURCE_OF_TRUTH: Readonly<Record<MappingTarget, SourceOfTruth>> = {
  name: 'register',
  serialNumber: 'register',
  make: 'intune',
  model: 'intune',
  os: 'intune',
  osVersion: 'intune',
  memoryGb: 'intune',
  storageGb: 'intune',
  storageType: 'intune',
  imei: 'intune',
  meid: 'intune',
  wifiMac: 'intune',
  ethernetMac: 'intune',
  colour: 'intune',
  displaySize: 'intune',
  releaseDate: 'intune',
  intuneDeviceId: 'intune',
  azureAdDeviceId: 'intune',
  activationLockBypassCode: 'intune',
  managementState: 'intune',
  lastSeenInSourceAt: 'intune',
};

export function isMappingTarget(target: string): target is MappingTarget {
  return (MAPPING_TARGETS as readonly string[]).includes(target);
}
