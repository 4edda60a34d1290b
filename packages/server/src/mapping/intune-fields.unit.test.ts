import { describe, expect, it, test } from 'vitest';
import { fieldTypeOf, intuneDeviceFields, intuneFieldList } from './intune-fields.js';

describe('intuneFieldList', () => {
  const fields = intuneFieldList();
  const typeOf = (name: string): string | undefined => fields.find((f) => f.name === name)?.type;

  it('types the Graph properties for the expression checker', () => {
    expect(typeOf('deviceName')).toBe('text');
    expect(typeOf('physicalMemoryInBytes')).toBe('number');
    expect(typeOf('isEncrypted')).toBe('boolean');
    expect(typeOf('lastSyncDateTime')).toBe('datetime');
    expect(typeOf('complianceState')).toBe('text');
    expect(typeOf('windowsActiveMalwareCount')).toBe('number');
    expect(typeOf('roleScopeTagIds')).toBe('unknown');
    expect(typeOf('hardwareInformation')).toBe('unknown');
  });

  it('includes beta-only fields once and leaves out navigation properties', () => {
    expect(typeOf('chassisType')).toBe('text');
    expect(fields.filter((f) => f.name === 'id')).toHaveLength(1);
    expect(typeOf('detectedApps')).toBeUndefined();
    expect(typeOf('users')).toBeUndefined();
  });

  it('is cached', () => {
    expect(intuneFieldList()).toBe(fields);
  });

  it('maps enums to text and other complex types to unknown', () => {
    expect(fieldTypeOf({ name: 'x', type: 'graph.ownerType', kind: 'property', enumValues: ['a'] })).toBe('text');
    expect(fieldTypeOf({ name: 'x', type: 'graph.configurationManagerClientHealthState', kind: 'property' })).toBe('unknown');
  });
});

describe('intuneDeviceFields', () => {
  test.each([
    ['v1.0', ['activationLockBypassCode', 'ethernetMacAddress', 'iccid', 'notes', 'physicalMemoryInBytes', 'remoteAssistanceSessionUrl', 'udid']],
    ['beta', ['activationLockBypassCode', 'bootstrapTokenEscrowed', 'chromeOSDeviceInfo', 'ethernetMacAddress', 'hardwareInformation', 'iccid', 'notes',
      'physicalMemoryInBytes', 'remoteAssistanceSessionUrl', 'udid', 'windowsActiveMalwareCount', 'windowsRemediatedMalwareCount']],
  ] as const)('%s flags the fields whose real value needs a per-device GET', (version, getOnly) => {
    expect(intuneDeviceFields(version).filter((f) => f.getOnly).map((f) => f.name)).toEqual(getOnly);
  });

  test('beta-only fields exist only on beta; each version is cached', () => {
    expect(intuneDeviceFields('v1.0').some((f) => f.name === 'chassisType')).toBe(false);
    expect(intuneDeviceFields('beta').find((f) => f.name === 'chassisType')).toEqual({ name: 'chassisType', type: 'text', getOnly: false });
    expect(intuneDeviceFields('beta')).toBe(intuneDeviceFields('beta'));
  });
});
