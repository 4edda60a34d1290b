import { describe, expect, it } from 'vitest';
import { fieldGroupOf, groupFields } from './asset-field-groups.js';

describe('groupFields', () => {
  it('puts fields in the page order of groups and keeps the order inside a group', () => {
    const groups = groupFields([{ field: 'osVersion' }, { field: 'intuneDeviceId' }, { field: 'serialNumber' }, { field: 'make' }, { field: 'customThing' }]);
    expect(groups.map((g) => [g.group, g.fields.map((f) => f.field)])).toEqual([
      ['Identity', ['serialNumber']],
      ['Hardware', ['osVersion', 'make']],
      ['Intune', ['intuneDeviceId']],
      ['Other', ['customThing']],
    ]);
  });

  it('knows both the id and the resolved name of reference fields', () => {
    expect(fieldGroupOf('allocatedUserId')).toBe('Allocation');
    expect(fieldGroupOf('allocatedUser')).toBe('Allocation');
    expect(fieldGroupOf('statusKey')).toBe('Lifecycle');
  });
});
