import type { SyncSettings } from '@intune-assets/contracts';
import type { CompiledExpr } from '@intune-assets/expr';
import { serialKey } from '../domain/serial.js';
import type { ManagedDevice } from '../domain/managed-device.js';
import type { DeviceType } from '../rules/device-type-rules.js';
import type { FilterContext, SkipReason } from '../sync/plan.js';
import { deviceRecord } from './device-record.js';

export type DeviceFilter = (device: ManagedDevice, type: DeviceType | null, context: FilterContext) => SkipReason | null;

/**
 * SPEC §4.2. The checks run in the order of SKIP_REASONS, so a device that fails several is always reported
 * with the same (first) reason.
 */
export function buildDeviceFilter(input: {
  readonly filters: SyncSettings['filters'];
  readonly condition: CompiledExpr | null;
  /** Unknown-type devices are kept when an ordered category rule catches them (SPEC §4.3). */
  readonly isCaughtByRule: (device: ManagedDevice) => boolean;
}): DeviceFilter {
  const { filters, condition, isCaughtByRule } = input;
  const platforms = filters.platforms === null ? null : new Set(filters.platforms.map((p) => p.trim().toLowerCase()));
  const hasGroupFilter = filters.groupIds !== null;
  return (device, type, context) => {
    if (filters.corporateOnly && lower(device.managedDeviceOwnerType) !== 'company') return 'personal_device';
    if (filters.requireValidSerial && serialKey(device.serialNumber) === null) return 'invalid_serial';
    if (filters.excludeDesktops && type === 'desktop') return 'desktop_excluded';
    if (filters.excludeDefenderOnly && lower(device.managementAgent) === 'mssense') return 'defender_only';
    if (filters.excludeUnknownType && type === null && !isCaughtByRule(device)) return 'unknown_type';
    if (platforms !== null && !platforms.has(lower(device.operatingSystem))) return 'platform_excluded';
    if (hasGroupFilter) {
      // Never guess: without the membership, keeping everyone and skipping everyone would both be wrong.
      if (context.groupMembers === null) throw new Error('the group filter needs the members of filters.groupIds, and the run did not load them');
      if (!context.groupMembers.has(lower(device.azureADDeviceId))) return 'group_excluded';
    }
    if (condition !== null) {
      // Only TRUE keeps a device: NULL (SQL's unknown) and a run-time failure (division by zero …) skip it.
      const result = condition.evaluate(deviceRecord(device));
      if (!result.ok || result.value !== true) return 'condition_false';
    }
    return null;
  };
}

function lower(value: string | null | undefined): string {
  return (value ?? '').trim().toLowerCase();
}
