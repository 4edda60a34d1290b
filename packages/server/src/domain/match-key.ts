import type { Asset } from './asset.js';
import { toMacKey, toNameKey, toSerialKey } from './asset.js';
import type { ManagedDevice } from './managed-device.js';

export const ASSET_MATCH_FIELDS = ['serialNumber', 'name', 'mac', 'imei', 'azureAdDeviceId'] as const;
export type AssetMatchField = (typeof ASSET_MATCH_FIELDS)[number];

const trimmed = (value: string | null | undefined): string | null => {
  const v = value?.trim() ?? '';
  return v === '' ? null : v;
};

/**
 * Azure AD (Entra) device ids are GUIDs, which Graph and other sources spell in either case (and sometimes in
 * braces): they compare lower-cased, without braces, like serials compare upper-cased. The register compares
 * with `GUID_KEY_SQL`, the same normalisation in SQL.
 */
export const GUID_KEY_SQL = (column: string): string => `lower(ltrim(rtrim(${column}, '} '), '{ '))`;

export function toGuidKey(value: string | null | undefined): string | null {
  const key = (value ?? '').trim().replace(/^[{ ]+/, '').replace(/[} ]+$/, '').toLowerCase();
  return key === '' ? null : key;
}

/** The value of a device a match field compares (SPEC §4.7: serial, name, MAC, IMEI, Azure AD device id). */
export function deviceMatchValue(device: ManagedDevice, field: AssetMatchField): string | null {
  switch (field) {
    case 'serialNumber':
      return device.serialNumber ?? null;
    case 'name':
      return device.deviceName ?? null;
    case 'mac':
      return trimmed(device.wiFiMacAddress) ?? device.ethernetMacAddress ?? null;
    case 'imei':
      return device.imei ?? null;
    case 'azureAdDeviceId':
      return device.azureADDeviceId ?? null;
    default: {
      const unreachable: never = field;
      throw new Error(`unknown match field ${String(unreachable)}`);
    }
  }
}

/** Normalised key of a value, the same the register indexes (so both sides compare equal). */
export function matchKey(field: AssetMatchField, value: string | null | undefined): string | null {
  switch (field) {
    case 'serialNumber':
      return toSerialKey(value);
    case 'name':
      return toNameKey(value);
    case 'mac':
      return toMacKey(value);
    case 'imei':
      return trimmed(value);
    case 'azureAdDeviceId':
      return toGuidKey(value);
    default: {
      const unreachable: never = field;
      throw new Error(`unknown match field ${String(unreachable)}`);
    }
  }
}

/** The keys an existing asset answers to for a match field (a MAC field matches Wi-Fi or Ethernet). */
export function assetMatchKeys(asset: Asset, field: AssetMatchField): string[] {
  const values = field === 'mac' ? [asset.wifiMac, asset.ethernetMac] : [field === 'serialNumber' ? asset.serialNumber : field === 'name' ? asset.name : field === 'imei' ? asset.imei : asset.azureAdDeviceId];
  return values.map((v) => matchKey(field, v)).filter((k): k is string => k !== null);
}
