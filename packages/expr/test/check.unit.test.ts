import { describe, expect, it } from 'vitest';
import { check, compile, parse } from '../src/index.js';
import { FIELDS } from './fixtures.js';

function checkSource(source: string): ReturnType<typeof check> {
  const res = parse(source);
  if (!res.ok) throw new Error(res.error.format(source));
  return check(res.ast, { fields: FIELDS });
}

const CHECK_ERRORS: readonly (readonly [string, string, number, number, string])[] = [
  ['UPPER(DevceName)', 'unknown_field', 6, 15, "did you mean 'deviceName'?"],
  ['PhysicalMemoryByte / 2', 'unknown_field', 0, 18, "did you mean 'PhysicalMemoryBytes'?"],
  ['[Serial Number]', 'unknown_field', 0, 15, "did you mean 'serialNumber'?"],
  ['Zebra', 'unknown_field', 0, 5, "unknown field 'Zebra'; text goes in single quotes: 'Zebra'"],
  ['COALESCE(DeviceNam, 1)', 'unknown_field', 9, 18, "did you mean 'deviceName'?"],
  ['Serial', 'unknown_field', 0, 6, "did you mean 'serialNumber'?"],
  ['UPER(DeviceName)', 'unknown_function', 0, 4, 'did you mean UPPER?'],
  ['LEFT(DeviceName)', 'wrong_arity', 0, 16, 'LEFT takes 2 arguments, got 1'],
  ['COALESCE(DeviceName)', 'wrong_arity', 0, 20, 'at least 2'],
  ['GETUTCDATE(1)', 'wrong_arity', 0, 13, 'takes 0 arguments'],
  ["DeviceName - 1", 'type_mismatch', 0, 10, 'expects a number'],
  ["PhysicalMemoryBytes = 'lots'", 'type_mismatch', 0, 28, 'cannot compare'],
  ["LastSyncDateTime > 'yesterday'", 'type_mismatch', 0, 30, 'cannot compare'],
  ['LastSyncDateTime = 5', 'type_mismatch', 0, 20, 'cannot compare'],
  ["CASE WHEN DeviceName THEN 1 END", 'type_mismatch', 10, 20, 'expected a condition'],
  ["ROUND('x', 1)", 'type_mismatch', 6, 9, 'ROUND expects a number'],
  ["DATEADD(day, 1, 5)", 'type_mismatch', 16, 17, 'expects a datetime'],
  ["DATEADD(fortnight, 1, LastSyncDateTime)", 'invalid_argument', 8, 17, 'date part'],
  ["FORMAT_BYTES(PhysicalMemoryBytes, 'PB')", 'invalid_argument', 34, 38, 'KB, MB, GB, TB'],
  ["CAST(LastSyncDateTime AS int)", 'type_mismatch', 0, 29, 'cannot CAST datetime AS int'],
  ["CAST('abc' AS int)", 'type_mismatch', 0, 18, "cannot CAST 'abc' AS int"],
  ["REGEXP_LIKE(DeviceName, DeviceName)", 'invalid_argument', 24, 34, 'must be a string literal'],
  ["REGEXP_LIKE(DeviceName, '(a+)+')", 'unsafe_regex', 24, 31, 'backtrack'],
  ["REGEXP_LIKE(DeviceName, '[a-')", 'invalid_regex', 24, 29, 'Invalid regular expression'],
  ["REGEXP_LIKE(DeviceName, 'a', 'g')", 'invalid_regex', 29, 32, "flag 'g'"],
  ["DeviceName IN ('b', 'a') AND NOT 5", 'type_mismatch', 33, 34, 'expected a condition'],
];

describe('check', () => {
  it.each(CHECK_ERRORS)('%s → %s', (source, code, start, end, summaryPart) => {
    const errors = checkSource(source);
    const match = errors.find((e) => e.code === code);
    expect(match, JSON.stringify(errors)).toBeDefined();
    expect(match?.phase).toBe('check');
    expect(match?.span).toEqual({ start, end });
    expect(match?.summary).toContain(summaryPart);
  });

  it('collects every semantic error at once, in source order', () => {
    const errors = checkSource("UPER(Foo) + LEFT(Bar) + ROUND('x')");
    expect(errors.map((e) => [e.code, e.span.start])).toEqual([
      ['unknown_function', 0],
      ['unknown_field', 5],
      ['wrong_arity', 12],
      ['unknown_field', 17],
      ['type_mismatch', 30],
    ]);
  });

  it.each([
    'COALESCE(ManagedDeviceName, DeviceName)',
    "IsEncrypted = 1 AND ComplianceState IN ('compliant', 'inGracePeriod')",
    "LastSyncDateTime < '2024-01-01'",
    "PhysicalMemoryBytes >= '8589934592'",
    "IsEncrypted = 'true'",
    'IsEncrypted',
    'RoleScopeTagIds IS NULL',
    "DATEDIFF(day, LastSyncDateTime, GETUTCDATE()) > 30",
    "[deviceName] LIKE 'DESK%'",
    'LastSyncDateTime + 1',
  ])('accepts %s', (source) => {
    expect(checkSource(source)).toEqual([]);
  });

  it('resolves fields case-insensitively and through aliases, reporting canonical names', () => {
    const res = compile('physicalmemorybytes + [TOTALSTORAGEBYTES] + FreeStorageSpaceInBytes + imei + Id', { fields: FIELDS });
    expect(res.ok && res.expr.fieldsUsed).toEqual(['physicalMemoryInBytes', 'totalStorageSpaceInBytes', 'freeStorageSpaceInBytes', 'imei', 'id']);
  });

  it('does not resolve an alias whose target is missing from the caller’s fields', () => {
    const res = compile('PhysicalMemoryBytes', { fields: [{ name: 'deviceName', type: 'text' }] });
    expect(res.ok).toBe(false);
    expect(!res.ok && res.errors[0]?.code).toBe('unknown_field');
  });
});
