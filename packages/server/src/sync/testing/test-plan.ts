import type { ManagedDevice } from '../../domain/managed-device.js';
import { serialKey } from '../../domain/serial.js';
import { compileDeviceTypeRules } from '../../rules/device-type.js';
import { DEFAULT_DEVICE_TYPE_RULES } from '../../rules/device-type-rules.js';
import type { DeviceType } from '../../rules/device-type-rules.js';
import type { FilterContext, MappedAsset, MapResult, SyncPlan } from '../plan.js';

const CATEGORY: Record<DeviceType, string> = { laptop: 'Laptop', desktop: 'Desktop', tablet: 'Tablet', mobile: 'Mobile Phone', virtual: 'Virtual Machine' };
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' && v !== '0001-01-01T00:00:00Z' ? v.trim() : null);

// why: the pipeline's unit tests need a plan whose behaviour they can read at a glance; the real plan compiled
// from connection settings and expressions is tested on its own and end to end.
export function testPlan(patch: Partial<SyncPlan> = {}): SyncPlan {
  const detect = compileDeviceTypeRules(DEFAULT_DEVICE_TYPE_RULES);
  return {
    connectionId: 'conn',
    departmentId: 'dept',
    integrationUser: 'intune-connector',
    graphApiVersion: 'v1.0',
    listFields: ['id', 'deviceName', 'serialNumber', 'model', 'manufacturer', 'operatingSystem', 'osVersion', 'lastSyncDateTime', 'managedDeviceOwnerType', 'userPrincipalName'],
    enrichFields: [],
    batchSize: 2,
    groupIds: null,
    filter(device: ManagedDevice, type: DeviceType | null, context: FilterContext) {
      if (device.managedDeviceOwnerType !== 'company') return 'personal_device';
      if (serialKey(device.serialNumber) === null) return 'invalid_serial';
      if (type === null) return 'unknown_type';
      if (context.groupMembers !== null && !context.groupMembers.has((device.azureADDeviceId ?? '').toLowerCase())) return 'group_excluded';
      return null;
    },
    detectType: detect,
    classify: (_device, type) => (type === null ? null : { category: CATEGORY[type], group: 'Devices', defaults: { condition: 'good', subStatus: 'Ready', store: null } }),
    map(device: ManagedDevice): MapResult {
      if (device.deviceName === 'BOOM') return { ok: false, field: 'model', code: 'division_by_zero', message: 'division by zero' };
      const value: MappedAsset = {
        fields: {
          name: text(device.deviceName),
          serialNumber: text(device.serialNumber),
          make: text(device.manufacturer),
          model: text(device.model),
          os: text(device.operatingSystem),
          osVersion: text(device.osVersion),
          intuneDeviceId: device.id,
          lastSeenInSourceAt: text(device.lastSyncDateTime),
          memoryGb: typeof device.physicalMemoryInBytes === 'number' && device.physicalMemoryInBytes > 0 ? Math.round(device.physicalMemoryInBytes / 1073741824) : null,
        },
        categoryValues: {},
      };
      return { ok: true, value };
    },
    match: { field: 'serialNumber', createNew: true },
    allocation: {
      enabled: true, ownerField: 'userPrincipalName', userField: 'email', subStatus: 'Issued', usageType: null, floor: null, purpose: null,
      createMissingUsers: true, unlinkWhenNoMatch: false, mdmDrivenUpdates: false, useUserSite: true,
    },
    lifecycle: { newStatus: 'in_store', deletedStatus: null, recoveredStatus: null, inactiveAfterDays: null, inactiveStatus: 'inactive', retireSafetyPercent: 20 },
    sourceOfTruth: { name: 'register' },
    categorySourceOfTruth: {},
    keepExistingCategory: false,
    defaultStore: null,
    ...patch,
  };
}

let counter = 0;
export function laptop(patch: Partial<ManagedDevice> = {}): ManagedDevice {
  counter += 1;
  return {
    id: `dev-${counter}`,
    deviceName: `LT-${counter}`,
    serialNumber: `SN${String(counter).padStart(6, '0')}`,
    manufacturer: 'Dell Inc.',
    model: 'Latitude 5440',
    operatingSystem: 'Windows',
    osVersion: '10.0.22631.4169',
    lastSyncDateTime: '2026-11-20T10:00:00Z',
    managedDeviceOwnerType: 'company',
    userPrincipalName: '',
    ...patch,
  };
}
