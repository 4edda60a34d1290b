import { describe, expect, it } from 'vitest';
import { rowsFromText, rowsToText } from './condition-builder.js';
import type { ConditionRows } from './condition-builder.js';

describe('rowsToText', () => {
  it('joins comparisons with the chosen joiner and writes values by type', () => {
    const rows: ConditionRows = {
      joiner: 'AND',
      rows: [
        { field: 'OperatingSystem', operator: '=', value: "O'Brien OS", valueType: 'text' },
        { field: 'IsEncrypted', operator: '=', value: '1', valueType: 'number' },
        { field: 'isSupervised', operator: '<>', value: 'yes', valueType: 'boolean' },
        { field: 'Model', operator: 'LIKE', value: 'iPad%', valueType: 'text' },
        { field: 'Device Category', operator: 'IN', value: 'Phones, Tablets', valueType: 'text' },
        { field: 'azureADDeviceId', operator: 'IS NOT NULL', value: 'ignored', valueType: 'text' },
      ],
    };
    expect(rowsToText(rows)).toBe(
      "OperatingSystem = 'O''Brien OS' AND IsEncrypted = 1 AND isSupervised <> TRUE AND Model LIKE 'iPad%' AND [Device Category] IN ('Phones', 'Tablets') AND azureADDeviceId IS NOT NULL",
    );
  });

  it('quotes a number typed for a text field, and a non-number typed for a number field', () => {
    expect(rowsToText({ joiner: 'OR', rows: [
      { field: 'model', operator: '=', value: '20', valueType: 'text' },
      { field: 'totalStorageSpaceInBytes', operator: '>', value: 'lots', valueType: 'number' },
    ] })).toBe("model = '20' OR totalStorageSpaceInBytes > 'lots'");
  });

  it('gives an empty text for no rows, and leaves out rows without a field', () => {
    expect(rowsToText({ joiner: 'AND', rows: [] })).toBe('');
    expect(rowsToText({ joiner: 'OR', rows: [
      { field: ' ', operator: '=', value: 'x', valueType: 'text' },
      { field: 'model', operator: 'IS NULL', value: '', valueType: 'text' },
    ] })).toBe('model IS NULL');
  });
});

describe('rowsFromText', () => {
  it('reads a flat OR of comparisons, LIKE, IN and IS NULL', () => {
    const result = rowsFromText("OperatingSystem IN ('iOS', 'Android') OR model LIKE 'Surface%' OR imei IS NULL OR memory >= -2");
    expect(result).toEqual({
      ok: true,
      value: {
        joiner: 'OR',
        rows: [
          { field: 'OperatingSystem', operator: 'IN', value: 'iOS, Android', valueType: 'text' },
          { field: 'model', operator: 'LIKE', value: 'Surface%', valueType: 'text' },
          { field: 'imei', operator: 'IS NULL', value: '', valueType: 'text' },
          { field: 'memory', operator: '>=', value: '-2', valueType: 'number' },
        ],
      },
    });
  });

  it('normalises != to <> and reads booleans', () => {
    const result = rowsFromText('IsEncrypted != TRUE AND chassisType NOT IN (3, 4)');
    expect(result).toEqual({
      ok: true,
      value: {
        joiner: 'AND',
        rows: [
          { field: 'IsEncrypted', operator: '<>', value: 'true', valueType: 'boolean' },
          { field: 'chassisType', operator: 'NOT IN', value: '3, 4', valueType: 'number' },
        ],
      },
    });
  });

  it('round-trips rows → text → rows', () => {
    const rows: ConditionRows = {
      joiner: 'AND',
      rows: [
        { field: 'OperatingSystem', operator: '=', value: "it's", valueType: 'text' },
        { field: 'IsEncrypted', operator: '=', value: '1', valueType: 'number' },
        { field: 'model', operator: 'NOT LIKE', value: '%Virtual%', valueType: 'text' },
        { field: 'manufacturer', operator: 'NOT IN', value: 'Dell, HP', valueType: 'text' },
        { field: 'Device Category', operator: 'IS NULL', value: '', valueType: 'text' },
      ],
    };
    expect(rowsFromText(rowsToText(rows))).toEqual({ ok: true, value: rows });
  });

  it('gives an empty builder for an empty text', () => {
    expect(rowsFromText('   ')).toEqual({ ok: true, value: { joiner: 'AND', rows: [] } });
  });

  it.each([
    ["a = 'x' AND b = 'y' OR c = 'z'", 'it mixes AND and OR'],
    ["UPPER(a) = 'X'", 'a comparison is not "field operator value"'],
    ["'x' = a", 'a comparison is not "field operator value"'],
    ['a = NULL', 'a comparison is not "field operator value"'],
    ["NOT a = 'x'", 'it uses functions, NOT, CASE or arithmetic'],
    ["a IN ('x', 1)", 'an IN list mixes types or holds values with commas'],
    ["a IN ('x,y')", 'an IN list mixes types or holds values with commas'],
    ["a LIKE b", 'a LIKE is not "field LIKE \'pattern\'"'],
  ])('keeps %s in expression mode (%s)', (text, reason) => {
    expect(rowsFromText(text)).toEqual({ ok: false, reason });
  });

  it('says why a broken text stays in expression mode', () => {
    const result = rowsFromText("a = 'x");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^it does not parse: /);
  });
});
