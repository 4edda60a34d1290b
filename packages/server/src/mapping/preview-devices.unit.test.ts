import { describe, expect, test } from 'vitest';
import { compileSyncPlan } from './compile-plan.js';
import { previewDevices } from './preview-devices.js';
import { settingsWith } from './testing/plan-for.js';
import { IPHONE, LAPTOP, PERSONAL_ANDROID, UNKNOWN_MODEL } from './testing/sample-devices.js';

function compiled(patch: Record<string, unknown>) {
  const result = compileSyncPlan({ document: settingsWith(patch), connectionId: 'c', departmentId: 'd' });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result;
}

describe('previewDevices: filter → type → classify → map, per field', () => {
  test('included devices show type, category and every mapped value; skipped ones say why', () => {
    const { plan, mappings } = compiled({ mapping: { fields: { 'category.RAM GB': { expression: 'ROUND(TotalStorageBytes / 1073741824.0, 0)' } } } });
    const rows = previewDevices({ plan, mappings, devices: [LAPTOP, PERSONAL_ANDROID, UNKNOWN_MODEL] });
    expect(rows[0]).toMatchObject({
      deviceId: LAPTOP.id,
      deviceName: 'CONTOSO-LT-0142',
      included: true,
      deviceType: 'laptop',
      category: 'Laptop',
      fields: { name: { value: 'CONTOSO-LT-0142' }, storageGb: { value: 476 }, imei: { value: null }, 'category.RAM GB': { value: 476 } },
    });
    expect(rows[0]).not.toHaveProperty('skipReason');
    expect(rows[1]).toMatchObject({ included: false, skipReason: 'personal_device', deviceType: 'mobile', category: 'Mobile Phone' });
    expect(rows[2]).toMatchObject({ included: false, skipReason: 'unknown_type', deviceType: null, category: null });
  });

  test('a transform that fails on one device is that field\'s error; the other fields still show', () => {
    const { plan, mappings } = compiled({ mapping: { fields: { memoryGb: { expression: 'TotalStorageBytes / (FreeStorageBytes - FreeStorageBytes)' } } } });
    const [row] = previewDevices({ plan, mappings, devices: [IPHONE] });
    expect(row?.fields['memoryGb']).toEqual({ value: null, error: expect.stringMatching(/division_by_zero/) });
    expect(row?.fields['model']).toEqual({ value: 'iPhone 15 Pro' });
  });

  test('a group filter is not judged on a sample (it needs the members); the other filters are', () => {
    const { plan, mappings } = compiled({ filters: { groupIds: ['5e3f9a0b-1c2d-4e5f-8a9b-0c1d2e3f4a5b'] } });
    const rows = previewDevices({ plan, mappings, devices: [LAPTOP, PERSONAL_ANDROID] });
    expect(rows.map((r) => r.skipReason ?? 'kept')).toEqual(['kept', 'personal_device']);
  });
});
