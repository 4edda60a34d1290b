import { describe, expect, test } from 'vitest';
import { checkExpression, evaluateExpression } from './expression-check.js';

describe('checkExpression', () => {
  test.each([
    ["Model LIKE '%Latitude%'", 'condition', 'boolean'],
    ['UPPER(DeviceName)', 'transform', 'text'],
    ['ROUND(TotalStorageBytes / 1073741824.0, 0)', 'transform', 'number'],
    ['COALESCE(SerialNumber, IMEI)', 'transform', 'text'],
    ["CASE WHEN IsEncrypted = 1 THEN 'Yes' ELSE 'No' END", 'transform', 'text'],
    ['IsEncrypted', 'condition', 'boolean'],
    ['CAST(PhysicalMemoryBytes AS varchar)', 'transform', 'text'],
    ['LastSyncDateTime', 'transform', 'datetime'],
  ] as const)('%s (%s) is %s', (expression, kind, type) => {
    expect(checkExpression({ expression, kind })).toMatchObject({ ok: true, type, issues: [] });
  });

  test('an unknown field is reported with its code and span, for the editor to underline', () => {
    const result = checkExpression({ expression: "COALESCE(DevceName, 'x')", kind: 'transform' });
    expect(result).toMatchObject({ ok: false, issues: [{ path: 'expression', code: 'unknown_field', span: { start: 9, end: 18 }, message: expect.stringMatching(/did you mean 'deviceName'/) }] });
  });

  test('a syntax error stops at its span', () => {
    const result = checkExpression({ expression: 'UPPER(DeviceName', kind: 'transform' });
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({ path: 'expression', code: expect.any(String), span: { start: expect.any(Number), end: expect.any(Number) } });
  });

  test('a condition must be boolean', () => {
    expect(checkExpression({ expression: 'UPPER(Model)', kind: 'condition' })).toMatchObject({
      ok: false, type: 'text', issues: [{ path: 'expression', code: 'not_a_condition', span: { start: 0, end: 12 } }],
    });
  });

  test('a field outside the selection is not_selected; beta-only fields need beta', () => {
    const unselected = checkExpression({ expression: 'PhysicalMemoryBytes', kind: 'transform', selectedFields: ['deviceName'] });
    expect(unselected.issues[0]).toMatchObject({ code: 'field_not_selected', message: expect.stringMatching(/add it to selectedFields/) });
    expect(checkExpression({ expression: 'ChassisType', kind: 'transform' }).ok).toBe(false);
    expect(checkExpression({ expression: 'ChassisType', kind: 'transform', graphApiVersion: 'beta' }).ok).toBe(true);
  });
});

describe('evaluateExpression', () => {
  test('evaluates against a record keyed as written in expressions', () => {
    expect(evaluateExpression({ expression: 'ROUND(PhysicalMemoryBytes / 1073741824.0, 0)', record: { PhysicalMemoryBytes: 17_179_869_184 } })).toEqual({ ok: true, value: 16 });
    expect(evaluateExpression({ expression: "UPPER(LEFT(COALESCE(DeviceName, 'Unknown'), 50))", record: { deviceName: null } })).toEqual({ ok: true, value: 'UNKNOWN' });
  });

  test('a runtime error comes back as an issue with its span', () => {
    const result = evaluateExpression({ expression: 'TotalStorageBytes / 0', record: { totalStorageSpaceInBytes: 5 } });
    expect(result).toMatchObject({ ok: false, issues: [{ path: 'expression', code: 'division_by_zero', span: { start: expect.any(Number), end: expect.any(Number) } }] });
  });
});
