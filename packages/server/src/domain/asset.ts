import type { JsonObject, JsonValue } from './json.js';
import type { AssetStatusKey } from './status.js';
import type { IsoTimestamp } from './timestamp.js';

/** The fields of a fixed asset that a person or a connector sets (everything but identity and timestamps). */
export interface AssetFields {
  readonly categoryId: string | null;
  readonly serialNumber: string | null;
  readonly name: string | null;
  readonly make: string | null;
  readonly model: string | null;
  readonly os: string | null;
  readonly osVersion: string | null;
  readonly memoryGb: number | null;
  readonly storageGb: number | null;
  readonly storageType: string | null;
  readonly imei: string | null;
  readonly meid: string | null;
  readonly wifiMac: string | null;
  readonly ethernetMac: string | null;
  readonly colour: string | null;
  readonly displaySize: number | null;
  /** A calendar date, `YYYY-MM-DD`. */
  readonly releaseDate: string | null;
  readonly statusKey: AssetStatusKey;
  readonly subStatusId: string | null;
  readonly conditionId: string | null;
  readonly siteId: string | null;
  readonly locationId: string | null;
  readonly storeId: string | null;
  readonly floorId: string | null;
  readonly usageType: string | null;
  readonly purpose: string | null;
  readonly allocatedUserId: string | null;
  readonly allocatedAt: IsoTimestamp | null;
  /** The user or integration user recorded as "allocated by". */
  readonly allocatedBy: string | null;
  readonly categoryValues: JsonObject;
  readonly intuneDeviceId: string | null;
  readonly azureAdDeviceId: string | null;
  /** Opaque ciphertext from the secret box (SPEC §8). */
  readonly activationLockBypassCodeEncrypted: string | null;
  readonly managementState: string | null;
  readonly source: string;
  readonly sourceConnectionId: string | null;
  /** Hash of the mapped record in canonical JSON, so an unchanged device costs no write. */
  readonly contentHash: string | null;
  readonly lastSeenInSourceAt: IsoTimestamp | null;
  readonly lastSeenRunId: string | null;
}

export interface Asset extends AssetFields {
  readonly id: string;
  readonly departmentId: string;
  readonly assetTag: string;
  readonly createdAt: IsoTimestamp;
  readonly updatedAt: IsoTimestamp;
}

export type AssetField = keyof AssetFields;

/** Bookkeeping fields: written without audit rows or provenance, since they change on every sight of a device. */
export const UNTRACKED_ASSET_FIELDS: readonly AssetField[] = ['contentHash', 'lastSeenInSourceAt', 'lastSeenRunId'];

/** Fields whose values never go into the audit log in clear (ciphertext is still a secret's fingerprint). */
export const REDACTED_ASSET_FIELDS: readonly AssetField[] = ['activationLockBypassCodeEncrypted'];

export const ASSET_DEFAULTS: AssetFields = {
  categoryId: null,
  serialNumber: null,
  name: null,
  make: null,
  model: null,
  os: null,
  osVersion: null,
  memoryGb: null,
  storageGb: null,
  storageType: null,
  imei: null,
  meid: null,
  wifiMac: null,
  ethernetMac: null,
  colour: null,
  displaySize: null,
  releaseDate: null,
  statusKey: 'in_store',
  subStatusId: null,
  conditionId: null,
  siteId: null,
  locationId: null,
  storeId: null,
  floorId: null,
  usageType: null,
  purpose: null,
  allocatedUserId: null,
  allocatedAt: null,
  allocatedBy: null,
  categoryValues: {},
  intuneDeviceId: null,
  azureAdDeviceId: null,
  activationLockBypassCodeEncrypted: null,
  managementState: null,
  source: 'manual',
  sourceConnectionId: null,
  contentHash: null,
  lastSeenInSourceAt: null,
  lastSeenRunId: null,
};

export const ASSET_FIELDS = Object.keys(ASSET_DEFAULTS) as readonly AssetField[];

/** Serial numbers match ignoring case, spaces and punctuation ("C02 XK-1234" = "c02xk1234"). */
export function toSerialKey(serial: string | null | undefined): string | null {
  const key = (serial ?? '').toUpperCase().replace(/[^0-9A-Z]/g, '');
  return key === '' ? null : key;
}

/** MAC addresses match as 12 upper-case hex digits whatever the separators. */
export function toMacKey(mac: string | null | undefined): string | null {
  const key = (mac ?? '').toUpperCase().replace(/[^0-9A-F]/g, '');
  return key === '' ? null : key;
}

/** Device names are case-insensitive (Windows, Entra). */
export function toNameKey(name: string | null | undefined): string | null {
  const key = (name ?? '').trim().toLowerCase();
  return key === '' ? null : key;
}

export function isSameJsonValue(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item: JsonValue, i: number) => isSameJsonValue(item, b[i] as JsonValue));
  }
  const ao = a as JsonObject;
  const bo = b as JsonObject;
  const keys = Object.keys(ao);
  if (keys.length !== Object.keys(bo).length) return false;
  return keys.every((k) => Object.hasOwn(bo, k) && isSameJsonValue(ao[k], bo[k]));
}
