import type { ManagedDevice } from '../../domain/managed-device.js';

/** A managedDevice as a scenario file gives it: only `id` is required, the emulator fills Graph's defaults. */
export type ScenarioDevice = Partial<ManagedDevice> & { readonly id: string };

/** An Entra user as a scenario file gives it. */
export interface ScenarioUser {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly mail?: string | null;
  readonly givenName?: string | null;
  readonly surname?: string | null;
  readonly employeeId?: string | null;
  readonly onPremisesSamAccountName?: string | null;
}

export interface Scenario {
  readonly devices: readonly ScenarioDevice[];
  readonly users?: readonly ScenarioUser[];
}

const GIB = 1_073_741_824;

/** A fixed instant a little before now, so lifecycle thresholds measured in days never see these as old. */
export const RECENT = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function deviceId(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export function serialOf(n: number): string {
  return `SN${String(n).padStart(6, '0')}X`;
}

/**
 * Device number `n` of a scenario: a corporate, MDM-managed Windows laptop (Dell Latitude) with a valid serial,
 * synced an hour ago, with 16 GiB of memory (a GET-only field: the list call answers 0).
 */
export function laptop(n: number, overrides: Partial<ManagedDevice> = {}): ScenarioDevice {
  const hex = n.toString(16).padStart(12, '0');
  return {
    id: deviceId(n),
    deviceName: `LAP-${String(n).padStart(4, '0')}`,
    managedDeviceName: `user_Windows_${n}`,
    serialNumber: serialOf(n),
    manufacturer: 'Dell Inc.',
    model: 'Latitude 7440',
    operatingSystem: 'Windows',
    osVersion: '10.0.22631.3447',
    managedDeviceOwnerType: 'company',
    managementAgent: 'mdm',
    managementState: 'managed',
    lastSyncDateTime: RECENT,
    azureADDeviceId: `aad00000-0000-4000-8000-${hex}`,
    wiFiMacAddress: hex.toUpperCase(),
    totalStorageSpaceInBytes: 256 * GIB,
    physicalMemoryInBytes: 16 * GIB,
    ...overrides,
  };
}

/** Devices `from`..`to` (inclusive) as laptops with the same overrides. */
export function laptops(from: number, to: number, overrides: Partial<ManagedDevice> = {}): ScenarioDevice[] {
  const out: ScenarioDevice[] = [];
  for (let n = from; n <= to; n += 1) out.push(laptop(n, overrides));
  return out;
}

/** A directory user with mail, first and last name (an employee the connector may create). */
export function person(local: string, overrides: Partial<ScenarioUser> = {}): ScenarioUser {
  const [first = local, last = 'Doe'] = local.split('.');
  return {
    id: `u0000000-0000-4000-8000-${Buffer.from(local).toString('hex').slice(0, 12).padStart(12, '0')}`,
    userPrincipalName: `${local}@contoso.example`,
    mail: `${local}@contoso.example`,
    givenName: first[0]?.toUpperCase() + first.slice(1),
    surname: last[0]?.toUpperCase() + last.slice(1),
    ...overrides,
  };
}
