import type { ManagedDevice } from '../domain/managed-device.js';
import type { SyncPlan } from '../sync/plan.js';
import { deviceRecord } from './device-record.js';
import { mapOne } from './device-mapper.js';
import type { CompiledMapping } from './device-mapper.js';

export interface PreviewField {
  readonly value: string | number | boolean | null;
  readonly error?: string;
}

/** What a sync would do with one device up to the mapping: kept or skipped (why), its type, category, mapped values. */
export interface PreviewRow {
  readonly deviceId: string;
  readonly deviceName: string | null;
  readonly included: boolean;
  readonly skipReason?: string;
  readonly deviceType: string | null;
  readonly category: string | null;
  readonly fields: Readonly<Record<string, PreviewField>>;
}

/**
 * Runs filter → device type → classify → map over sample devices, the way a sync does, without writing. Every
 * mapped target gets its value or its own per-device error (the sync would stop at the first), so the editor can
 * show all of them. Skipped devices are still mapped, so the analyst sees the values of every sample.
 * A group filter cannot be judged from a sample (it needs the group's members): it is left out here.
 */
export function previewDevices(input: {
  readonly plan: SyncPlan;
  readonly mappings: readonly CompiledMapping[];
  readonly devices: readonly ManagedDevice[];
}): PreviewRow[] {
  const { plan, mappings } = input;
  const sampleFilter = plan.groupIds === null ? plan : { ...plan, filter: withoutGroups(plan) };
  return input.devices.map((device) => {
    const type = plan.detectType(device);
    const skip = sampleFilter.filter(device, type, { groupMembers: null });
    const choice = plan.classify(device, type);
    const record = deviceRecord(device);
    const fields: Record<string, PreviewField> = {};
    for (const m of mappings) {
      const converted = mapOne(m, record);
      fields[m.target] = converted.ok ? { value: converted.value } : { value: null, error: converted.message };
    }
    const skipReason = skip ?? (choice === null ? 'no_category' : null);
    return {
      deviceId: device.id,
      deviceName: nonEmpty(device.deviceName) ?? nonEmpty(device.managedDeviceName),
      included: skipReason === null,
      ...(skipReason === null ? {} : { skipReason }),
      deviceType: type,
      category: choice?.category ?? null,
      fields,
    };
  });
}

// The plan's filter throws without group members (it never guesses in a run); a preview has none to give, so
// every device is judged on the other filters by handing it a membership that contains it.
function withoutGroups(plan: SyncPlan): SyncPlan['filter'] {
  return (device, type) => plan.filter(device, type, { groupMembers: new Set([(device.azureADDeviceId ?? '').toLowerCase()]) });
}

function nonEmpty(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}
