import { createHash } from 'node:crypto';
import type { ManagedDevice } from '../../domain/managed-device.js';
import type { EmulatedUser } from './users.js';
import type { Prng } from './prng.js';

/** An Entra security group; its device members are named by the managedDevice's `azureADDeviceId`. */
export interface EmulatedGroup {
  id: string;
  displayName: string;
  /** Lower-cased azureADDeviceIds, in the order given. */
  deviceIds: string[];
}

/**
 * The Entra object id of the device object behind an azureADDeviceId. In Entra the two differ (a group lists the
 * object id as `id` and the registration id as `deviceId`); deriving one from the other keeps both stable.
 */
export function entraObjectIdFor(azureAdDeviceId: string): string {
  const hex = createHash('sha1').update(`entra-device:${azureAdDeviceId.toLowerCase()}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function aadId(device: ManagedDevice): string | null {
  const id = (device.azureADDeviceId ?? '').trim().toLowerCase();
  return id === '' || id === '00000000-0000-0000-0000-000000000000' ? null : id;
}

/**
 * The groups an Intune admin typically targets: by form factor, by department and a kiosk pool. Membership is
 * derived from the devices (and their users' departments), so a seed gives the same groups every time.
 */
export function generateGroups(prng: Prng, devices: readonly ManagedDevice[], users: readonly EmulatedUser[]): EmulatedGroup[] {
  const departmentOf = new Map(users.map((u) => [u.userPrincipalName.toLowerCase(), u.department]));
  const corporate = devices.filter((d) => d.managedDeviceOwnerType === 'company');
  const members = (predicate: (d: ManagedDevice) => boolean): string[] =>
    corporate.filter(predicate).map(aadId).filter((id): id is string => id !== null);
  const department = (d: ManagedDevice): string | null => departmentOf.get((d.userPrincipalName ?? '').toLowerCase()) ?? null;
  const ipads = corporate.filter((d) => d.operatingSystem === 'iPadOS');
  // A kiosk pool is a share of the company iPads, not all of them.
  const kiosks = new Set(ipads.filter(() => prng.chance(0.4)).map((d) => d.id));
  const groups: [string, string[]][] = [
    ['All Corporate Laptops', members((d) => d.chassisType === 'laptop')],
    ['Sales Devices', members((d) => department(d) === 'Sales')],
    ['Kiosk iPads', members((d) => kiosks.has(d.id))],
    ['Windows Autopilot Devices', members((d) => d.autopilotEnrolled === true)],
    ['Executive Phones', members((d) => d.chassisType === 'phone' && department(d) === 'Executive')],
  ];
  return groups.map(([displayName, deviceIds]) => ({ id: prng.uuid(), displayName, deviceIds }));
}
