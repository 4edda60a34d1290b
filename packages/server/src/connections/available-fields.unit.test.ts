import { describe, expect, test } from 'vitest';
import { availableFields } from './available-fields.js';

describe('availableFields', () => {
  test('v1.0: the 56 schema properties, with GET-only ones flagged', () => {
    const fields = availableFields('v1.0', []);
    expect(fields).toHaveLength(56);
    expect(fields.find((f) => f.name === 'physicalMemoryInBytes')).toMatchObject({ type: 'Edm.Int64', getOnly: true });
    expect(fields.find((f) => f.name === 'serialNumber')).toMatchObject({ getOnly: false, inSchema: true, seenOnDevices: false });
    expect(fields.some((f) => f.name === 'chassisType')).toBe(false);
  });

  test('beta adds its own properties', () => {
    const names = availableFields('beta', []).map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['chassisType', 'hardwareInformation', 'serialNumber']));
    expect(names).toHaveLength(84);
  });

  test('keys seen on devices join the list; @odata annotations do not', () => {
    const fields = availableFields('v1.0', ['serialNumber', 'brandNewProperty', '@odata.type']);
    expect(fields.find((f) => f.name === 'serialNumber')?.seenOnDevices).toBe(true);
    expect(fields.find((f) => f.name === 'brandNewProperty')).toEqual({
      name: 'brandNewProperty', type: 'unknown', inSchema: false, seenOnDevices: true, getOnly: false,
    });
    expect(fields.some((f) => f.name === '@odata.type')).toBe(false);
  });
});
