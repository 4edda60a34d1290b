import { describe, expect, it } from 'vitest';
import { compile } from '../src/index.js';
import { FIELDS } from './fixtures.js';
import type { Value } from '../src/index.js';

const NOW = new Date('2024-06-01T12:00:00Z');
const RECORD = {
  deviceName: 'Desk-01  ',
  serialNumber: null,
  imei: '',
  physicalMemoryInBytes: 8589934592,
  windowsActiveMalwareCount: 7,
  isEncrypted: true,
  complianceState: 'Compliant',
  lastSyncDateTime: '2024-05-30T08:15:00Z',
  enrolledDateTime: '2024-01-31T00:00:00.1234567Z',
  userPrincipalName: 'Zoë@Contoso.com',
  operatingSystem: 'Windows',
};

function run(source: string, record: Record<string, unknown> = RECORD): ReturnType<import('../src/index.js').CompiledExpr['evaluate']> {
  const res = compile(source, { fields: FIELDS });
  if (!res.ok) throw new Error(res.errors.map((e) => e.format(source)).join('\n'));
  return res.expr.evaluate(record, { now: NOW });
}

const VALUES: readonly (readonly [string, Value])[] = [
  // numbers: T-SQL integer vs decimal division
  ['7 / 2', 3],
  ['-7 / 2', -3],
  ['7 / 2.0', 3.5],
  ['7.0 / 2', 3.5],
  ['7 % 3', 1],
  ['WindowsActiveMalwareCount / 2', 3],
  ['WindowsActiveMalwareCount / 2.0', 3.5],
  ['PhysicalMemoryBytes / 1073741824', 8],
  ['(7 / 2.0) * 2 / 4', 1.75],
  ['CAST(7 AS decimal) / 2', 3.5],
  ['CAST(7.9 AS int) / 2', 3],
  ['2 + 3 * 4', 14],
  ['(2 + 3) * 4', 20],
  ['- 5 + 2', -3],
  // text
  ["'a' + 'b'", 'ab'],
  ["'PC-' + 1", 'PC-1'],
  ["1 + '-PC'", '1-PC'],
  ["'n' || 2 || TRUE", 'n21'],
  ["CONCAT('a', NULL, 1, TRUE)", 'a11'],
  ["UPPER('straße')", 'STRASSE'],
  ['LEN(DeviceName)', 7],
  ["LEN('😀x')", 2],
  ["LEFT('😀abc', 2)", '😀a'],
  ["RIGHT('abc', 2)", 'bc'],
  ["RIGHT('abc', 0)", ''],
  ["SUBSTRING('abcdef', 2, 3)", 'bcd'],
  ["SUBSTRING('abcdef', 0, 2)", 'a'],
  ["SUBSTRING('abc', 5, 2)", ''],
  ["LTRIM('  a  ') + '|'", 'a  |'],
  ["RTRIM('  a  ') + '|'", '  a|'],
  ["REPLACE('aXbxc', 'x', '-')", 'a-b-c'],
  ["REPLACE('abc', '', '-')", 'abc'],
  ["CHARINDEX('con', UserPrincipalName)", 5],
  ["CHARINDEX('o', 'foo', 3)", 3],
  ["CHARINDEX('z', 'foo')", 0],
  ['ROUND(2.345, 2)', 2.35],
  ['ROUND(1.005, 2)', 1.01],
  ['ROUND(-2.5, 0)', -3],
  ['ROUND(1234, -2)', 1200],
  ['FLOOR(-1.5)', -2],
  ['CEILING(1.2)', 2],
  ['ABS(-4)', 4],
  ["FORMAT_BYTES(1610612736, 'gb')", '1.5 GB'],
  ["FORMAT_BYTES(PhysicalMemoryBytes, 'MB')", '8192 MB'],
  ["FORMAT_BYTES(1099511627776, 'TB')", '1 TB'],
  ["FORMAT_BYTES(1536, 'KB')", '1.5 KB'],
  // comparisons: case-insensitive text, booleans as 1/0, conversions
  ["ComplianceState = 'compliant'", true],
  ["DeviceName = 'DESK-01'", true],
  ["'a' < 'B'", true],
  ['IsEncrypted = 1', true],
  ['IsEncrypted = 0', false],
  ['IsEncrypted = TRUE', true],
  ["IsEncrypted = 'true'", true],
  ['IsEncrypted <> 1', false],
  ["PhysicalMemoryBytes >= '8589934592'", true],
  ["LastSyncDateTime > '2024-05-30'", true],
  ["LastSyncDateTime < '2024-05-30T08:15:00+00:30'", false],
  ['1 != 2', true],
  // predicates
  ["OperatingSystem IN ('iOS', 'windows')", true],
  ["OperatingSystem NOT IN ('iOS', 'Android')", true],
  ["DeviceName LIKE 'desk%'", true],
  ["DeviceName LIKE 'D_sk-0[0-9]%'", true],
  ["DeviceName LIKE '[^d]%'", false],
  ["DeviceName NOT LIKE '%laptop%'", true],
  ["'100%' LIKE '100%'", true],
  ['WindowsActiveMalwareCount BETWEEN 5 AND 7', true],
  ['WindowsActiveMalwareCount NOT BETWEEN 1 AND 6', true],
  ["CASE WindowsActiveMalwareCount WHEN 1 THEN 'one' WHEN 7 THEN 'seven' ELSE 'many' END", 'seven'],
  ["CASE OperatingSystem WHEN 'WINDOWS' THEN 'win' END", 'win'],
  ["CASE WHEN 1 = 2 THEN 'x' END", null],
  ["IIF(IsEncrypted, 'on', 'off')", 'on'],
  ["ISNULL(SerialNumber, 'none')", 'none'],
  ['NULLIF(Imei, \'\')', null],
  ["REGEXP_LIKE(UserPrincipalName, '^[a-zë]+@contoso\\.com$', 'i')", true],
  ["REGEXP_LIKE(UserPrincipalName, '^[a-z]+@')", false],
  // casts
  ["CAST('42' AS int)", 42],
  ['CAST(-3.7 AS int)', -3],
  ['CAST(3.14159 AS decimal(10, 2))', 3.14],
  ["CAST('ABCDEF' AS varchar(3))", 'ABC'],
  ['CAST(12 AS varchar)', '12'],
  ['CAST(IsEncrypted AS varchar)', '1'],
  ["CAST('false' AS bit)", false],
  ['CAST(2 AS bit)', true],
  ["CAST('2024-02-29' AS datetime)", new Date('2024-02-29T00:00:00Z')],
  // dates
  ['GETDATE()', NOW],
  ['DATEADD(day, 7, LastSyncDateTime)', new Date('2024-06-06T08:15:00Z')],
  ['DATEADD(month, 1, EnrolledDateTime)', new Date('2024-02-29T00:00:00.123Z')],
  ['DATEADD(yy, -1, EnrolledDateTime)', new Date('2023-01-31T00:00:00.123Z')],
  ['DATEADD(hour, 3, LastSyncDateTime)', new Date('2024-05-30T11:15:00Z')],
  ['DATEDIFF(day, LastSyncDateTime, GETUTCDATE())', 2],
  ["DATEDIFF(year, '2023-12-31', '2024-01-01')", 1],
  ["DATEDIFF(month, '2024-01-31', '2024-02-01')", 1],
  ["DATEDIFF(week, '2024-06-01', '2024-06-02')", 1],
  ["DATEDIFF(quarter, '2024-03-31', '2024-04-01')", 1],
  ["DATEDIFF(minute, '2024-01-01T00:00:59Z', '2024-01-01T00:01:00Z')", 1],
  ['LastSyncDateTime + 1', new Date('2024-05-31T08:15:00Z')],
  ['LastSyncDateTime - 0.5', new Date('2024-05-29T20:15:00Z')],
];

describe('evaluation', () => {
  it.each(VALUES)('%s → %j', (source, expected) => {
    expect(run(source)).toEqual({ ok: true, value: expected });
  });

  it('evaluates keywords and function names in any case', () => {
    expect(run("case when isencrypted = 1 then upper('y') else 'n' end")).toEqual({ ok: true, value: 'Y' });
  });

  it('returns the same GETUTCDATE() for every call in one evaluation when no clock is given', () => {
    const res = compile('DATEDIFF(millisecond, GETUTCDATE(), GETUTCDATE())', { fields: FIELDS });
    expect(res.ok && res.expr.evaluate({})).toEqual({ ok: true, value: 0 });
  });
});

const NULLS: readonly (readonly [string, Value])[] = [
  ['SerialNumber + 1', null],
  ["SerialNumber + 'x'", null],
  ["SerialNumber || 'x'", null],
  ['UPPER(SerialNumber)', null],
  ['SerialNumber = SerialNumber', null],
  ['FreeStorageBytes <> 1', null],
  ['SerialNumber IS NULL', true],
  ['SerialNumber IS NOT NULL', false],
  ['NULL AND FALSE', false],
  ['NULL AND TRUE', null],
  ['NULL OR TRUE', true],
  ['NULL OR FALSE', null],
  ['NOT NULL', null],
  ["SerialNumber IN ('a', 'b')", null],
  ["'a' IN ('b', NULL)", null],
  ["'a' IN ('a', NULL)", true],
  ["'a' NOT IN ('b', NULL)", null],
  ["SerialNumber LIKE '%'", null],
  ['5 BETWEEN NULL AND 4', false],
  ['5 BETWEEN NULL AND 6', null],
  ["CASE WHEN SerialNumber = 'x' THEN 1 ELSE 2 END", 2],
  ["CASE SerialNumber WHEN NULL THEN 'null matched' ELSE 'no match' END", 'no match'],
  ["IIF(SerialNumber = 'x', 1, 2)", 2],
  ['NULLIF(SerialNumber, 1)', null],
  ["NULLIF('a', NULL)", 'a'],
  ["CONCAT(SerialNumber, 'x')", 'x'],
  ['CAST(SerialNumber AS int)', null],
  ['DATEADD(day, 1, NULL)', null],
  ['COALESCE(SerialNumber, NULL)', null],
  ['FreeStorageBytes / 0', null],
];

describe('NULL semantics', () => {
  it.each(NULLS)('%s → %j', (source, expected) => {
    expect(run(source)).toEqual({ ok: true, value: expected });
  });

  it('COALESCE short-circuits: later arguments are not evaluated', () => {
    expect(run('COALESCE(DeviceName, 1 / 0, CAST(Imei AS int))')).toEqual({ ok: true, value: 'Desk-01  ' });
  });

  it('AND and OR short-circuit on FALSE and TRUE', () => {
    expect(run('1 = 2 AND 1 / 0 = 1')).toEqual({ ok: true, value: false });
    expect(run('1 = 1 OR 1 / 0 = 1')).toEqual({ ok: true, value: true });
  });

  it('treats missing record keys and undefined as NULL', () => {
    expect(run('DeviceName IS NULL', {})).toEqual({ ok: true, value: true });
    expect(run('DeviceName IS NULL', { deviceName: undefined })).toEqual({ ok: true, value: true });
  });
});

const EVAL_ERRORS: readonly (readonly [string, Record<string, unknown>, string, number, number])[] = [
  ['1 / 0', RECORD, 'division_by_zero', 0, 5],
  ['WindowsActiveMalwareCount % 0', RECORD, 'division_by_zero', 0, 29],
  ['CAST(DeviceName AS int)', RECORD, 'conversion_failed', 0, 23],
  ["CAST(DeviceName + '1.5' AS int)", { deviceName: '' }, 'conversion_failed', 0, 31],
  ["LEFT('abc', -1)", RECORD, 'invalid_argument', 0, 15],
  ['9007199254740991 + 1', RECORD, 'arithmetic_overflow', 0, 20],
  ['1e308 * 10', RECORD, 'arithmetic_overflow', 0, 10],
  ['LastSyncDateTime', { lastSyncDateTime: 'last tuesday' }, 'invalid_value', 0, 16],
  ['RoleScopeTagIds', { roleScopeTagIds: ['0'] }, 'invalid_value', 0, 15],
  ['RoleScopeTagIds * 1', { roleScopeTagIds: 'abc' }, 'conversion_failed', 0, 19],
  ['RoleScopeTagIds AND TRUE', { roleScopeTagIds: 3 }, 'type_mismatch', 0, 15],
  ['RoleScopeTagIds = 5', { roleScopeTagIds: 'x' }, 'conversion_failed', 0, 19],
];

describe('runtime errors are values', () => {
  it.each(EVAL_ERRORS)('%s on %j → %s', (source, record, code, start, end) => {
    const res = (() => {
      const compiled = compile(source, { fields: FIELDS });
      if (!compiled.ok) return compiled.errors[0];
      const out = compiled.expr.evaluate(record);
      return out.ok ? undefined : out.error;
    })();
    expect(res?.phase).toBe('eval');
    expect(res?.code).toBe(code);
    expect(res?.span).toEqual({ start, end });
  });
});
