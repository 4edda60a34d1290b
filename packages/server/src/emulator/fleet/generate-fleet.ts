import type { ManagedDevice } from '../../domain/managed-device.js';
import type { DetectedApp } from './apps.js';
import type { AutopilotIdentity } from './autopilot.js';
import type { EmulatedGroup } from './groups.js';
import type { EmulatedUser } from './users.js';
import { generateDetectedApps } from './apps.js';
import { generateAutopilot } from './autopilot.js';
import { buildDevice } from './build-device.js';
import { GARBAGE_SERIALS } from './catalogue.js';
import { generateGroups } from './groups.js';
import { isoSeconds } from './identifiers.js';
import { Prng } from './prng.js';
import { generateUsers } from './users.js';

export interface FleetData {
  devices: ManagedDevice[];
  users: EmulatedUser[];
  detectedApps: DetectedApp[];
  autopilot: AutopilotIdentity[];
  groups: EmulatedGroup[];
}

export interface GenerateFleetOptions {
  readonly devices: number;
  readonly seed: number;
  /** Dates are spread back from here; fix it to get byte-identical fleets across days. */
  readonly nowMs: number;
}

const DAY_MS = 86_400_000;

/**
 * The stale record a re-enrolment leaves behind: same serial, another id and Entra device, and a
 * lastSyncDateTime from before the device's current enrolment.
 */
export function staleEnrolmentOf(prng: Prng, current: ManagedDevice): ManagedDevice {
  const enrolledMs = Date.parse(current.enrolledDateTime ?? '2024-01-01T00:00:00Z');
  const lastSyncMs = enrolledMs - prng.int(1, 20) * DAY_MS - prng.int(0, DAY_MS);
  const azureAdDeviceId = prng.uuid();
  return {
    ...current,
    id: prng.uuid(),
    azureADDeviceId: azureAdDeviceId,
    azureActiveDirectoryDeviceId: azureAdDeviceId,
    lastSyncDateTime: isoSeconds(lastSyncMs),
    enrolledDateTime: isoSeconds(lastSyncMs - prng.int(60, 700) * DAY_MS),
    complianceState: 'noncompliant',
  };
}

/** A realistic company fleet; identical for identical options. */
export function generateFleet(options: GenerateFleetOptions): FleetData {
  if (!Number.isInteger(options.devices) || options.devices < 0) {
    throw new Error(`devices must be a non-negative integer, got ${String(options.devices)}`);
  }
  const prng = new Prng(options.seed);
  const users = generateUsers(prng, Math.ceil(options.devices / 1.3));
  const duplicates = Math.round(options.devices * 0.01);
  const devices: ManagedDevice[] = [];
  const ctx = { prng, nowMs: options.nowMs, users };
  for (let i = 0; i < options.devices - duplicates; i += 1) devices.push(buildDevice(ctx));
  const withSerial = devices.filter((device) => !GARBAGE_SERIALS.includes(device.serialNumber ?? ''));
  for (let i = 0; i < duplicates && withSerial.length > 0; i += 1) devices.push(staleEnrolmentOf(prng, prng.pick(withSerial)));
  while (devices.length < options.devices) devices.push(buildDevice(ctx));

  const devicesByOs = new Map<string, number>();
  for (const device of devices) {
    const os = device.operatingSystem ?? '';
    devicesByOs.set(os, (devicesByOs.get(os) ?? 0) + 1);
  }
  return {
    devices,
    users,
    detectedApps: generateDetectedApps(prng, devicesByOs),
    autopilot: generateAutopilot(prng, devices, options.nowMs),
    // A stream of its own, so adding groups left every earlier seed's devices and users as they were.
    groups: generateGroups(new Prng(options.seed ^ 0x67726f75), devices, users),
  };
}
