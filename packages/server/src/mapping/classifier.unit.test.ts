import { describe, expect, test } from 'vitest';
import type { ManagedDevice } from '../domain/managed-device.js';
import { planFor } from './testing/plan-for.js';
import { CLOUD_PC, IPHONE, LAPTOP, OEM_DESKTOP, UNKNOWN_MODEL } from './testing/sample-devices.js';

function categoryOf(patch: Record<string, unknown>, device: ManagedDevice): string | null {
  const plan = planFor(patch);
  return plan.classify(device, plan.detectType(device))?.category ?? null;
}

describe('plan.classify (SPEC §4.5)', () => {
  const cases: Array<[string, Record<string, unknown>, ManagedDevice, string | null]> = [
    ['deviceType: a laptop is a Laptop', {}, LAPTOP, 'Laptop'],
    ['deviceType: an iPhone is a Mobile Phone', {}, IPHONE, 'Mobile Phone'],
    ['deviceType: a Cloud PC is a Virtual Machine', {}, CLOUD_PC, 'Virtual Machine'],
    ['deviceType: a desktop is a Desktop', {}, OEM_DESKTOP, 'Desktop'],
    ['deviceType: an unknown type has no category', {}, UNKNOWN_MODEL, null],
    ['deviceType: category names are configurable', { classification: { deviceTypeCategories: { laptop: 'Notebook', desktop: 'Desktop', tablet: 'Tablet', mobile: 'Phone', virtual: 'VM' } } }, LAPTOP, 'Notebook'],
    ['single: every device gets the one category', { classification: { mode: 'single', category: 'Intune Devices' } }, UNKNOWN_MODEL, 'Intune Devices'],
    ['field: the field value is the category', { classification: { mode: 'field', field: 'Model' } }, LAPTOP, 'Latitude 5440'],
    ['field: an empty value falls back', { classification: { mode: 'field', field: 'phoneNumber', fallback: 'No Phone' } }, LAPTOP, 'No Phone'],
    ['field: the "Unknown" default is no value', { classification: { mode: 'field', field: 'deviceCategoryDisplayName' } }, LAPTOP, null],
  ];
  test.each(cases)('%s', (_title, patch, device, expected) => {
    expect(categoryOf(patch, device)).toBe(expected);
  });

  const rules = {
    mode: 'rules',
    rules: [
      { category: 'Apple Phones', condition: "OperatingSystem = 'iOS'" },
      { category: 'Dell', condition: "Manufacturer LIKE 'Dell%'" },
      { category: 'Windows', condition: "OperatingSystem = 'Windows'" },
      { category: 'Never', condition: "OperatingSystem = 'iOS'" },
    ],
  };
  test.each([
    ['the first matching rule wins (a Dell Windows laptop is Dell, not Windows)', LAPTOP, 'Dell'],
    ['a later rule with the same condition is never used', IPHONE, 'Apple Phones'],
    ['the Cloud PC matches the Windows rule', CLOUD_PC, 'Windows'],
  ])('rules: %s', (_title, device, expected) => {
    expect(categoryOf({ classification: rules }, device)).toBe(expected);
  });

  test('rules: no match gives the fallback, or null without one', () => {
    const android: ManagedDevice = { ...IPHONE, operatingSystem: 'Android', manufacturer: 'Google', model: 'Pixel 8' };
    expect(categoryOf({ classification: { ...rules, fallback: 'Other Devices' } }, android)).toBe('Other Devices');
    expect(categoryOf({ classification: rules }, android)).toBeNull();
  });

  test('rules: a condition failing at run time does not match', () => {
    const classification = { mode: 'rules', rules: [{ category: 'Broken', condition: 'TotalStorageBytes / 0 > 1' }, { category: 'Any', condition: 'TRUE' }] };
    expect(categoryOf({ classification }, LAPTOP)).toBe('Any');
  });

  test('the choice carries the asset group and the category defaults (names matched without case)', () => {
    const plan = planFor({
      classification: {
        group: 'End-user Devices',
        categoryDefaults: { laptop: { condition: 'Good', subStatus: 'Ready to deploy', store: { site: 'Lisbon', location: 'HQ', store: 'IT Store' } } },
      },
    });
    expect(plan.classify(LAPTOP, 'laptop')).toEqual({
      category: 'Laptop',
      group: 'End-user Devices',
      defaults: { condition: 'Good', subStatus: 'Ready to deploy', store: { site: 'Lisbon', location: 'HQ', store: 'IT Store' } },
    });
    expect(plan.classify(IPHONE, 'mobile')).toEqual({
      category: 'Mobile Phone',
      group: 'End-user Devices',
      defaults: { condition: null, subStatus: null, store: null },
    });
  });

  test('keepExistingCategory (Halo "do not update asset types") is exposed on the plan', () => {
    expect(planFor().keepExistingCategory).toBe(false);
    expect(planFor({ classification: { keepExistingCategory: true } }).keepExistingCategory).toBe(true);
  });
});
