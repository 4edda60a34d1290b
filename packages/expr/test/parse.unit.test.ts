import { describe, expect, it } from 'vitest';
import { parse, print } from '../src/index.js';
import { withoutSpans } from './fixtures.js';

const PARSE_CASES: readonly (readonly [string, string])[] = [
  ['COALESCE(ManagedDeviceName, DeviceName)', 'COALESCE(ManagedDeviceName, DeviceName)'],
  ['coalesce(SerialNumber,IMEI,MEID,WiFiMacAddress)', 'COALESCE(SerialNumber, IMEI, MEID, WiFiMacAddress)'],
  ['PhysicalMemoryBytes / 1073741824.0', 'PhysicalMemoryBytes / 1073741824.0'],
  ['FreeStorageBytes / 1048576.', 'FreeStorageBytes / 1048576.0'],
  ["case when ComplianceState = 'compliant' then 'Yes' else 'No' end", "CASE WHEN ComplianceState = 'compliant' THEN 'Yes' ELSE 'No' END"],
  ['CASE WHEN IsEncrypted = 1 THEN \'Encrypted\' ELSE \'Not Encrypted\' END', "CASE WHEN IsEncrypted = 1 THEN 'Encrypted' ELSE 'Not Encrypted' END"],
  ["UPPER(LEFT(COALESCE(DeviceName, 'Unknown'), 50))", "UPPER(LEFT(COALESCE(DeviceName, 'Unknown'), 50))"],
  ["REPLACE(UserPrincipalName, '@domain.com', '')", "REPLACE(UserPrincipalName, '@domain.com', '')"],
  ['GETUTCDATE()', 'GETUTCDATE()'],
  ["'it''s'", "'it''s'"],
  ["N'unicode'", "'unicode'"],
  ['[Device Name] + [odd]]name]', '[Device Name] + [odd]]name]'],
  ['a + b * c', 'a + b * c'],
  ['(a + b) * c', '(a + b) * c'],
  ['a - (b - c)', 'a - (b - c)'],
  ['(a - b) - c', 'a - b - c'],
  ['a / (b * c)', 'a / (b * c)'],
  ['- -x', '-(-x)'],
  ['a - -5', 'a - -5'],
  ['-(a + b)', '-(a + b)'],
  ['NOT a = 1 AND b = 2 OR c = 3', 'NOT a = 1 AND b = 2 OR c = 3'],
  ['a = 1 AND (b = 2 OR c = 3)', 'a = 1 AND (b = 2 OR c = 3)'],
  ['NOT (a = 1 OR b = 2)', 'NOT (a = 1 OR b = 2)'],
  ['NOT NOT x', 'NOT NOT x'],
  ["'a' || b + 1", "'a' || b + 1"],
  ["('a' || b) + 1", "('a' || b) + 1"],
  ['x is null', 'x IS NULL'],
  ['x IS NOT NULL AND y is not null', 'x IS NOT NULL AND y IS NOT NULL'],
  ["x in ('a', 'b', NULL)", "x IN ('a', 'b', NULL)"],
  ["x not in (1, 2)", 'x NOT IN (1, 2)'],
  ["x like 'DESK%'", "x LIKE 'DESK%'"],
  ["x NOT LIKE '_[a-c]%'", "x NOT LIKE '_[a-c]%'"],
  ['x between 1 and 10 and y = 2', 'x BETWEEN 1 AND 10 AND y = 2'],
  ['x NOT BETWEEN a + 1 AND b * 2', 'x NOT BETWEEN a + 1 AND b * 2'],
  ["CASE x WHEN 1 THEN 'one' WHEN 2 THEN 'two' END", "CASE x WHEN 1 THEN 'one' WHEN 2 THEN 'two' END"],
  ['cast(x as varchar(20))', 'CAST(x AS VARCHAR(20))'],
  ['CAST(x AS nvarchar(max))', 'CAST(x AS VARCHAR)'],
  ['CAST(x AS decimal(10, 2))', 'CAST(x AS DECIMAL(38, 2))'],
  ['CAST(x AS bigint)', 'CAST(x AS INT)'],
  ['CAST(x AS bit) = TRUE', 'CAST(x AS BIT) = TRUE'],
  ['CAST(x AS datetime2)', 'CAST(x AS DATETIME)'],
  ['DATEADD(dd, 7, LastSyncDateTime)', 'DATEADD(dd, 7, LastSyncDateTime)'],
  ["DATEDIFF('DAY', a, b)", "DATEDIFF('DAY', a, b)"],
  ['1.5e3 + 2E-2 + .5', '1500.0 + 0.02 + 0.5'],
  ['1e21', '1e+21'],
  ['(a = b) = c', '(a = b) = c'],
  ['(a IS NULL) IS NULL', '(a IS NULL) IS NULL'],
  ["REGEXP_LIKE(x, '^[A-Z]{2}\\d+$', 'i')", "REGEXP_LIKE(x, '^[A-Z]{2}\\d+$', 'i')"],
  ['a -- trailing comment\n + /* inline */ b', 'a + b'],
  ["'😀 emoji' + Gerät", "'😀 emoji' + Gerät"],
  ['TRUE OR FALSE AND NULL', 'TRUE OR FALSE AND NULL'],
];

describe('parse → print → parse', () => {
  it.each(PARSE_CASES)('%s', (source, canonical) => {
    const first = parse(source);
    if (!first.ok) throw new Error(first.error.format(source));
    const printed = print(first.ast);
    expect(printed).toBe(canonical);
    const second = parse(printed);
    if (!second.ok) throw new Error(second.error.format(printed));
    expect(withoutSpans(second.ast)).toEqual(withoutSpans(first.ast));
  });
});

describe('spans', () => {
  it('covers each node from its first to its last token', () => {
    const res = parse("UPPER( x ) + 'ab'");
    if (!res.ok) throw new Error(res.error.summary);
    expect(res.ast.span).toEqual({ start: 0, end: 17 });
    expect(res.ast.kind === 'binary' && res.ast.left.span).toEqual({ start: 0, end: 10 });
    expect(res.ast.kind === 'binary' && res.ast.right.span).toEqual({ start: 13, end: 17 });
  });

  it('counts UTF-16 code units, as JS strings do', () => {
    const res = parse("'😀' + x");
    expect(res.ok && res.ast.kind === 'binary' && res.ast.right.span).toEqual({ start: 7, end: 8 });
  });
});

const PARSE_ERRORS: readonly (readonly [string, string, number, number])[] = [
  ["UPPER('x'", 'unexpected_end', 9, 9],
  ["'abc", 'unterminated_string', 0, 4],
  ['[abc', 'unterminated_identifier', 0, 4],
  ['[]', 'invalid_identifier', 0, 2],
  ['a + ', 'unexpected_end', 4, 4],
  ['a b', 'unexpected_token', 2, 3],
  ['a = = b', 'unexpected_token', 4, 5],
  ['a = b = c', 'unexpected_token', 6, 7],
  ['x # 1', 'unexpected_character', 2, 3],
  ['"DeviceName"', 'unexpected_character', 0, 1],
  ['x 😀', 'unexpected_character', 2, 4],
  ['CASE END', 'unexpected_token', 5, 8],
  ["CASE WHEN a THEN 'b'", 'unexpected_end', 20, 20],
  ['CAST(x AS money2)', 'unknown_type', 10, 16],
  ['CAST(x int)', 'unexpected_token', 7, 10],
  ['x NOT NULL', 'unexpected_token', 6, 10],
  ['x BETWEEN 1 OR 2', 'unexpected_token', 12, 14],
  ['1e', 'invalid_number', 0, 2],
  ['1e400', 'number_out_of_range', 0, 5],
  ['99999999999999999999', 'number_out_of_range', 0, 20],
  ['a /* never closed', 'unterminated_comment', 2, 17],
  ['END + 1', 'unexpected_token', 0, 3],
  ['(a', 'unexpected_end', 2, 2],
  ['a)', 'unexpected_token', 1, 2],
  ['f(a,)', 'unexpected_token', 4, 5],
];

describe('parse errors', () => {
  it.each(PARSE_ERRORS)('%s → %s', (source, code, start, end) => {
    const res = parse(source);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.phase).toBe('parse');
    expect(res.error.code).toBe(code);
    expect(res.error.span).toEqual({ start, end });
    expect(res.error.summary).not.toContain('\n');
  });
});
