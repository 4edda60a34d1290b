import { describe, expect, test } from 'vitest';
import type { ManagedDevice } from '../domain/managed-device.js';
import { compileDeviceTypeRules } from './device-type.js';
import { DEFAULT_DEVICE_TYPE_RULES, deviceTypeRuleSchema } from './device-type-rules.js';

const detect = compileDeviceTypeRules(DEFAULT_DEVICE_TYPE_RULES);
const device = (operatingSystem: string, manufacturer: string, model: string, extra: Partial<ManagedDevice> = {}): ManagedDevice =>
  ({ id: 'x', operatingSystem, manufacturer, model, ...extra });

describe('device type detection (default rules)', () => {
  test.each([
    ['iOS', 'Apple', 'iPhone 15 Pro', 'mobile'],
    ['iPadOS', 'Apple', 'iPad Pro (11-inch) (4th generation)', 'tablet'],
    ['iOS', 'Apple', 'iPad Air (5th generation)', 'tablet'],
    ['macOS', 'Apple', 'MacBook Pro (14-inch, 2023)', 'laptop'],
    ['macOS', 'Apple', 'MacBookAir10,1', 'laptop'],
    ['macOS', 'Apple', 'iMac (24-inch, M3, 2023)', 'desktop'],
    ['Android', 'samsung', 'SM-S911B', 'mobile'],
    ['Android', 'samsung', 'SM-X710', 'tablet'],
    ['Android', 'Google', 'Pixel 8', 'mobile'],
    ['Android', 'samsung', 'Galaxy Tab S9', 'tablet'],
    ['Windows', 'Dell Inc.', 'Latitude 5440', 'laptop'],
    ['Windows', 'Dell Inc.', 'XPS 13 9340', 'laptop'],
    ['Windows', 'Dell Inc.', 'Precision 5680', 'laptop'],
    ['Windows', 'Dell Inc.', 'Precision 3660 Tower', 'desktop'],
    ['Windows', 'Dell Inc.', 'OptiPlex 7010', 'desktop'],
    ['Windows', 'HP', 'HP EliteBook 840 14 inch G10 Notebook PC', 'laptop'],
    ['Windows', 'HP', 'HP EliteDesk 800 G9 Desktop Mini PC', 'desktop'],
    ['Windows', 'HP', 'HP ZBook Firefly 14 inch G10 Mobile Workstation PC', 'laptop'],
    ['Windows', 'LENOVO', '21HDCTO1WW', 'laptop'],
    ['Windows', 'LENOVO', '20XW0026US', 'laptop'],
    ['Windows', 'LENOVO', '11T3002NUS', 'desktop'],
    ['Windows', 'LENOVO', 'ThinkPad X1 Carbon Gen 11', 'laptop'],
    ['Windows', 'Microsoft Corporation', 'Surface Laptop 5', 'laptop'],
    ['Windows', 'Microsoft Corporation', 'Surface Pro 9', 'tablet'],
    ['Windows', 'Microsoft Corporation', 'Surface Go 3', 'tablet'],
    ['Windows', 'Microsoft Corporation', 'Virtual Machine', 'virtual'],
    ['Windows', 'Microsoft Corporation', 'Cloud PC Enterprise 2vCPU/4GB/128GB', 'virtual'],
    ['Windows', 'VMware, Inc.', 'VMware7,1', 'virtual'],
  ])('%s %s %s → %s', (os, make, model, expected) => {
    expect(detect(device(os, make, model))).toBe(expected);
  });

  test('an unknown model falls back to beta chassisType, else null (unknown)', () => {
    expect(detect(device('Windows', 'Acme', 'Model 7', { chassisType: 'laptop' }))).toBe('laptop');
    expect(detect(device('Windows', 'Acme', 'Model 7', { chassisType: 'unknown' }))).toBeNull();
    expect(detect(device('Windows', 'Acme', 'Model 7'))).toBeNull();
  });

  test('every shipped rule is valid against the editable-rule schema and compiles', () => {
    for (const rule of DEFAULT_DEVICE_TYPE_RULES) expect(deviceTypeRuleSchema.parse(rule)).toEqual(rule);
  });
});
