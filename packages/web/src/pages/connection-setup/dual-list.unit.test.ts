import { describe, expect, it } from 'vitest';
import { addFields, removeFields, splitFields } from './dual-list.js';

const ALL = ['id', 'deviceName', 'serialNumber', 'wiFiMacAddress', 'ethernetMacAddress', 'isEncrypted'];

describe('field picker lists', () => {
  it('splits all fields into available and selected, both filtered by the search', () => {
    expect(splitFields({ all: ALL, selected: ['serialNumber', 'wiFiMacAddress'], search: '' })).toEqual({
      available: ['id', 'deviceName', 'ethernetMacAddress', 'isEncrypted'],
      selected: ['serialNumber', 'wiFiMacAddress'],
    });
    expect(splitFields({ all: ALL, selected: ['serialNumber', 'wiFiMacAddress'], search: ' MAC ' })).toEqual({
      available: ['ethernetMacAddress'],
      selected: ['wiFiMacAddress'],
    });
  });

  it('treats a selection spelled in another case as the same field', () => {
    expect(splitFields({ all: ALL, selected: ['DEVICENAME'], search: '' }).available).not.toContain('deviceName');
  });

  it('adds in the order given without duplicates and removes without case', () => {
    expect(addFields(['id'], ['isEncrypted', 'ID', 'deviceName', 'isEncrypted'])).toEqual(['id', 'isEncrypted', 'deviceName']);
    expect(removeFields(['id', 'isEncrypted', 'deviceName'], ['ISENCRYPTED', 'missing'])).toEqual(['id', 'deviceName']);
  });
});
