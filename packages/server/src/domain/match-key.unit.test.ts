import { describe, expect, test } from 'vitest';
import type { Asset } from './asset.js';
import type { ManagedDevice } from './managed-device.js';
import { assetMatchKeys, deviceMatchValue, matchKey, toGuidKey } from './match-key.js';

describe('match keys', () => {
  test('Azure AD device ids compare without case, surrounding blanks or braces', () => {
    expect(toGuidKey('6F9619FF-8B86-D011-B42D-00C04FC964FF')).toBe('6f9619ff-8b86-d011-b42d-00c04fc964ff');
    expect(toGuidKey(' {6f9619ff-8b86-d011-b42d-00c04fc964ff} ')).toBe('6f9619ff-8b86-d011-b42d-00c04fc964ff');
    expect(toGuidKey('  ')).toBeNull();
    expect(toGuidKey(null)).toBeNull();
    const device = { id: 'd1', azureADDeviceId: '6F9619FF-8B86-D011-B42D-00C04FC964FF' } as ManagedDevice;
    // why a partial Asset: only azureAdDeviceId is read by assetMatchKeys for this field.
    const asset = { azureAdDeviceId: '6f9619ff-8b86-d011-b42d-00c04fc964ff' } as Asset;
    expect(assetMatchKeys(asset, 'azureAdDeviceId')).toEqual([matchKey('azureAdDeviceId', deviceMatchValue(device, 'azureAdDeviceId'))]);
  });

  test('serials still compare upper-cased and without separators; IMEIs only trimmed', () => {
    expect(matchKey('serialNumber', 'c02 xk-1234')).toBe('C02XK1234');
    expect(matchKey('imei', ' 356938035643809 ')).toBe('356938035643809');
    expect(matchKey('azureAdDeviceId', '')).toBeNull();
  });
});
