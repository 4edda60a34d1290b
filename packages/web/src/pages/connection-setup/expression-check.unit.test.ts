import { describe, expect, it } from 'vitest';
import { checkExpression, fieldScope, fieldTypeOf } from './expression-check.js';

const LISTED = [
  { name: 'deviceName', type: 'Edm.String' },
  { name: 'physicalMemoryInBytes', type: 'Edm.Int64' },
  { name: 'isEncrypted', type: 'boolean' },
  { name: 'serialNumber', type: 'text' },
  { name: 'complianceState', type: 'graph.complianceState' },
];

describe('checkExpression', () => {
  const everything = fieldScope({ listed: LISTED, selected: null, ownerField: 'userPrincipalName' });

  it('accepts the seed transforms', () => {
    expect(checkExpression("CASE WHEN IsEncrypted = 1 THEN 'Yes' ELSE 'No' END", everything)).toEqual([]);
    expect(checkExpression('ROUND(PhysicalMemoryBytes / 1073741824.0, 0)', everything)).toEqual([]);
  });

  it('locates a syntax error', () => {
    expect(checkExpression("UPPER('x'", everything)).toEqual([
      expect.objectContaining({ span: expect.objectContaining({ start: expect.any(Number) }) }),
    ]);
    expect(checkExpression("UPPER('x'", null)[0]?.code).toBeTypeOf('string');
  });

  it('underlines an unknown field with a did-you-mean', () => {
    const [problem] = checkExpression('UPPER(DevceName)', everything);
    expect(problem).toMatchObject({ code: 'unknown_field', span: { start: 6, end: 15 } });
    expect(problem?.message).toContain('deviceName');
  });

  it('names a field that exists but is not selected', () => {
    const selected = fieldScope({ listed: LISTED, selected: ['isEncrypted'], ownerField: 'userPrincipalName' });
    expect(checkExpression('PhysicalMemoryBytes / 2', selected)).toEqual([{
      code: 'field_not_selected',
      message: "'PhysicalMemoryBytes' is not selected in Intune Fields Selection; select it to use it here",
      span: { start: 0, end: 19 },
    }]);
    expect(checkExpression('UPPER(DeviceName)', selected)).toEqual([]);
  });

  it('checks only syntax without a field list', () => {
    expect(checkExpression('UPPER(Whatever)', null)).toEqual([]);
    expect(checkExpression('UPPER(Whatever)', fieldScope({ listed: [], selected: null, ownerField: 'userId' }))).toEqual([]);
  });

  it('asks for an expression when empty', () => {
    expect(checkExpression('  ', everything)).toEqual([{ code: 'empty', message: 'enter an expression', span: { start: 0, end: 2 } }]);
  });

  it('reads Graph and checker type names', () => {
    expect(LISTED.map((f) => fieldTypeOf(f.type))).toEqual(['text', 'number', 'boolean', 'text', 'unknown']);
  });
});
