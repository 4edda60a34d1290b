import { describe, expect, test } from 'vitest';
import type { ManagedDevice } from '../domain/managed-device.js';
import type { SkipReason } from '../sync/plan.js';
import { planFor } from './testing/plan-for.js';
import { CLOUD_PC, DEFENDER_ONLY, IPHONE, LAPTOP, OEM_DESKTOP, PERSONAL_ANDROID, UNKNOWN_MODEL } from './testing/sample-devices.js';

function skipReason(patch: Record<string, unknown>, device: ManagedDevice, groupMembers: ReadonlySet<string> | null = null): SkipReason | null {
  const plan = planFor(patch);
  return plan.filter(device, plan.detectType(device), { groupMembers });
}

describe('plan.filter (SPEC §4.2)', () => {
  const cases: Array<[string, Record<string, unknown>, ManagedDevice, SkipReason | null]> = [
    ['a corporate laptop is kept by default', {}, LAPTOP, null],
    ['a corporate iPhone is kept by default', {}, IPHONE, null],
    ['the Cloud PC (virtual) is kept by default', {}, CLOUD_PC, null],
    ['a personal phone is skipped (corporate only)', {}, PERSONAL_ANDROID, 'personal_device'],
    ['a personal phone is kept when corporateOnly is off', { filters: { corporateOnly: false } }, PERSONAL_ANDROID, null],
    ['an owner type of unknown is not corporate', {}, { ...LAPTOP, managedDeviceOwnerType: 'unknown' }, 'personal_device'],
    ['the owner type compares without case', {}, { ...LAPTOP, managedDeviceOwnerType: 'Company' }, null],
    ['a placeholder serial is skipped', { filters: { excludeDesktops: false } }, OEM_DESKTOP, 'invalid_serial'],
    ['an empty serial is skipped', {}, { ...LAPTOP, serialNumber: '' }, 'invalid_serial'],
    ['a garbage serial is kept when the check is off', { filters: { requireValidSerial: false } }, OEM_DESKTOP, null],
    ['desktops are kept by default', {}, { ...OEM_DESKTOP, serialNumber: '7KQ9XY2' }, null],
    ['desktops are skipped when excluded', { filters: { excludeDesktops: true } }, { ...OEM_DESKTOP, serialNumber: '7KQ9XY2' }, 'desktop_excluded'],
    ['a Defender-only device of unknown type is skipped as unknown by default', {}, DEFENDER_ONLY, 'unknown_type'],
    ['Defender-only devices are skipped when excluded', { filters: { excludeDefenderOnly: true } }, DEFENDER_ONLY, 'defender_only'],
    ['unknown types are skipped by default', {}, UNKNOWN_MODEL, 'unknown_type'],
    ['unknown types are kept when the check is off', { filters: { excludeUnknownType: false } }, UNKNOWN_MODEL, null],
    ['a platform outside the list is skipped', { filters: { platforms: ['iOS', 'Android'] } }, LAPTOP, 'platform_excluded'],
    ['platforms compare without case', { filters: { platforms: ['windows'] } }, LAPTOP, null],
    ['a condition that is TRUE keeps the device', { filters: { condition: "ComplianceState = 'compliant'" } }, LAPTOP, null],
    ['a condition that is FALSE skips the device', { filters: { condition: "ComplianceState = 'compliant'" } }, CLOUD_PC, 'condition_false'],
    ['a condition that is NULL skips the device', { filters: { condition: 'NULLIF(DeviceName, DeviceName) IS NOT NULL OR NULL' } }, LAPTOP, 'condition_false'],
    ['a condition that fails at run time skips the device', { filters: { condition: 'TotalStorageBytes / 0 > 1' } }, LAPTOP, 'condition_false'],
    ['an unknown-type device caught by a category rule is kept', {
      classification: { mode: 'rules', rules: [{ category: 'Kiosks', condition: "DeviceName LIKE 'KIOSK-%'" }] },
    }, UNKNOWN_MODEL, null],
    ['an unknown-type device that only the fallback would take is still skipped', {
      classification: { mode: 'rules', rules: [{ category: 'Kiosks', condition: "DeviceName LIKE 'KSK-%'" }], fallback: 'Other' },
    }, UNKNOWN_MODEL, 'unknown_type'],
  ];
  test.each(cases)('%s', (_title, patch, device, expected) => {
    expect(skipReason(patch, device)).toBe(expected);
  });

  test('a device failing several filters always reports the first, in SKIP_REASONS order', () => {
    const everything = {
      filters: { excludeDesktops: true, excludeDefenderOnly: true, platforms: ['iOS'], condition: 'FALSE' },
    };
    const device: ManagedDevice = { ...OEM_DESKTOP, managedDeviceOwnerType: 'personal', managementAgent: 'msSense' };
    expect(skipReason(everything, device)).toBe('personal_device');
    expect(skipReason(everything, { ...device, managedDeviceOwnerType: 'company' })).toBe('invalid_serial');
    expect(skipReason(everything, { ...device, managedDeviceOwnerType: 'company', serialNumber: '7KQ9XY2' })).toBe('desktop_excluded');
    expect(skipReason(everything, { ...DEFENDER_ONLY, model: 'OptiPlex 7010' })).toBe('desktop_excluded');
    expect(skipReason(everything, DEFENDER_ONLY)).toBe('defender_only');
    expect(skipReason(everything, LAPTOP)).toBe('platform_excluded');
    expect(skipReason(everything, IPHONE)).toBe('condition_false');
  });

  describe('group filter', () => {
    const SALES = '5e3f9a0b-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
    const inGroup: ManagedDevice = { ...LAPTOP, azureADDeviceId: 'A1B2C3D4-0000-4000-8000-00000000AAAA' };
    const members = new Set(['a1b2c3d4-0000-4000-8000-00000000aaaa']);

    test('the plan carries the group ids, or null without a group filter', () => {
      expect(planFor({ filters: { groupIds: [SALES] } }).groupIds).toEqual([SALES]);
      expect(planFor().groupIds).toBeNull();
    });

    test('a member is kept, matching its azureADDeviceId without case', () => {
      expect(skipReason({ filters: { groupIds: [SALES] } }, inGroup, members)).toBeNull();
    });

    test('a device outside the groups, or without an azureADDeviceId, is group_excluded', () => {
      expect(skipReason({ filters: { groupIds: [SALES] } }, { ...inGroup, azureADDeviceId: 'b0000000-0000-4000-8000-000000000000' }, members)).toBe('group_excluded');
      expect(skipReason({ filters: { groupIds: [SALES] } }, { ...inGroup, azureADDeviceId: null }, members)).toBe('group_excluded');
    });

    test('comes after the platform filter and before the condition (SKIP_REASONS order)', () => {
      const outside = { ...inGroup, azureADDeviceId: null };
      expect(skipReason({ filters: { groupIds: [SALES], platforms: ['iOS'] } }, outside, members)).toBe('platform_excluded');
      expect(skipReason({ filters: { groupIds: [SALES], condition: 'FALSE' } }, outside, members)).toBe('group_excluded');
      expect(skipReason({ filters: { groupIds: [SALES], condition: 'FALSE' } }, inGroup, members)).toBe('condition_false');
    });

    test('without a group filter, membership is not consulted', () => {
      expect(skipReason({}, { ...inGroup, azureADDeviceId: null }, new Set())).toBeNull();
    });

    test('refuses to guess when the run did not load the membership', () => {
      expect(() => skipReason({ filters: { groupIds: [SALES] } }, inGroup, null)).toThrow(/did not load them/);
    });
  });
});
