import { describe, expect, it } from 'vitest';
import { fieldTypeOf, intuneFieldList } from './intune-fields.js';

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
