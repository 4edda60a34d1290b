import type { FieldDef } from '../src/index.js';

/** A slice of the Intune managedDevice fields with the types the server's loader gives them. */
export const FIELDS: readonly FieldDef[] = [
  { name: 'id', type: 'text' },
  { name: 'deviceName', type: 'text' },
  { name: 'managedDeviceName', type: 'text' },
  { name: 'serialNumber', type: 'text' },
  { name: 'imei', type: 'text' },
  { name: 'meid', type: 'text' },
  { name: 'wiFiMacAddress', type: 'text' },
  { name: 'ethernetMacAddress', type: 'text' },
  { name: 'physicalMemoryInBytes', type: 'number' },
  { name: 'totalStorageSpaceInBytes', type: 'number' },
  { name: 'freeStorageSpaceInBytes', type: 'number' },
  { name: 'userPrincipalName', type: 'text' },
  { name: 'complianceState', type: 'text' },
  { name: 'isEncrypted', type: 'boolean' },
  { name: 'lastSyncDateTime', type: 'datetime' },
  { name: 'enrolledDateTime', type: 'datetime' },
  { name: 'operatingSystem', type: 'text' },
  { name: 'roleScopeTagIds', type: 'unknown' },
  { name: 'windowsActiveMalwareCount', type: 'number' },
];

/** Drops spans so trees from different sources (or from print) compare by structure. */
export function withoutSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSpans);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'span' && key !== 'nameSpan')
        .map(([key, v]) => [key, withoutSpans(v)]),
    );
  }
  return value;
}
