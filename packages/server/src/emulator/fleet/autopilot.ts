import type { ManagedDevice } from '../../domain/managed-device.js';
import type { Prng } from './prng.js';
import { GARBAGE_SERIALS } from './catalogue.js';
import { isoSeconds } from './identifiers.js';

export interface AutopilotIdentity {
  id: string;
  groupTag: string | null;
  purchaseOrderIdentifier: string | null;
  serialNumber: string | null;
  productKey: string | null;
  manufacturer: string | null;
  model: string | null;
  enrollmentState: string;
  lastContactedDateTime: string;
  addressableUserName: string | null;
  userPrincipalName: string | null;
  resourceName: string | null;
  skuNumber: string | null;
  systemFamily: string | null;
  azureActiveDirectoryDeviceId: string | null;
  managedDeviceId: string | null;
  displayName: string | null;
}

export const AUTOPILOT_ENROLLMENT_STATES = ['unknown', 'enrolled', 'pendingReset', 'failed', 'notContacted'] as const;

const EPOCH_ZERO = '0001-01-01T00:00:00Z';

function isPhysicalWindows(device: ManagedDevice): boolean {
  return device.operatingSystem === 'Windows' && device.model !== 'Virtual Machine' && !(device.model ?? '').startsWith('Cloud PC');
}

/** The Autopilot registration of an enrolled Windows device (hardware hash uploaded by the OEM or IT). */
export function autopilotIdentityFor(prng: Prng, device: ManagedDevice): AutopilotIdentity {
  return {
    id: prng.uuid(),
    groupTag: prng.chance(0.6) ? prng.pick(['Standard', 'Engineering', 'Kiosk']) : '',
    purchaseOrderIdentifier: prng.chance(0.5) ? `PO-${prng.digits(6)}` : '',
    serialNumber: device.serialNumber ?? '',
    productKey: '',
    manufacturer: device.manufacturer ?? '',
    model: device.model ?? '',
    enrollmentState: 'enrolled',
    lastContactedDateTime: device.lastSyncDateTime ?? EPOCH_ZERO,
    addressableUserName: '',
    userPrincipalName: device.userPrincipalName ?? '',
    resourceName: '',
    skuNumber: '',
    systemFamily: '',
    azureActiveDirectoryDeviceId: device.azureADDeviceId ?? '',
    managedDeviceId: device.id,
    displayName: '',
  };
}

/**
 * Autopilot identities: most physical Windows devices with a real serial, plus about 2 % of the fleet
 * registered but never enrolled (new stock), whose serials appear nowhere in managedDevices.
 */
export function generateAutopilot(prng: Prng, devices: readonly ManagedDevice[], nowMs: number): AutopilotIdentity[] {
  const out: AutopilotIdentity[] = [];
  for (const device of devices) {
    if (!isPhysicalWindows(device) || GARBAGE_SERIALS.includes(device.serialNumber ?? '')) continue;
    if (device.managedDeviceOwnerType === 'personal' || !prng.chance(0.9)) continue;
    out.push(autopilotIdentityFor(prng, device));
  }
  const pending = Math.round(devices.length * 0.02);
  for (let i = 0; i < pending; i += 1) {
    const template = out.length > 0 ? prng.pick(out) : undefined;
    out.push({
      id: prng.uuid(),
      groupTag: 'Standard',
      purchaseOrderIdentifier: `PO-${prng.digits(6)}`,
      serialNumber: `${prng.pick(['5CG', 'PF', 'J'])}${prng.chars('0123456789ABCDEFGHJKLMNPQRSTUVWXYZ', 7)}`,
      productKey: '',
      manufacturer: template?.manufacturer ?? 'Dell Inc.',
      model: template?.model ?? 'Latitude 5440',
      enrollmentState: 'notContacted',
      lastContactedDateTime: prng.chance(0.5) ? EPOCH_ZERO : isoSeconds(nowMs - prng.int(1, 60) * 86_400_000),
      addressableUserName: '',
      userPrincipalName: '',
      resourceName: '',
      skuNumber: '',
      systemFamily: '',
      azureActiveDirectoryDeviceId: prng.uuid(),
      managedDeviceId: '00000000-0000-0000-0000-000000000000',
      displayName: '',
    });
  }
  return out;
}
