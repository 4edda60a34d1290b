import { describe, expect, it } from 'vitest';
import { vetRegex } from '../src/regex-safety.js';
import { ExprError, compile, parse } from '../src/index.js';
import { FIELDS } from './fixtures.js';

describe('REGEXP_LIKE pattern vetting', () => {
  it.each([
    ['^[A-Z]{2}-\\d{4}$', ''],
    ['^(Windows|macOS|iOS)', 'i'],
    ['\\w+@\\w+\\.com$', ''],
    ['^.*laptop.*$', 'i'],
    ['(a|b)*c', ''],
    ['(ab){2,3}', ''],
    ['a{2,}b+', ''],
    ['^DESKTOP-[0-9A-Z]{7}$', 'm'],
    ['line1.line2', 's'],
  ])('accepts %s /%s', (pattern, flags) => {
    expect(vetRegex(pattern, flags, 256).ok).toBe(true);
  });

  it.each([
    ['(a+)+', 'unsafe_regex', 'length varies'],
    ['(a*)*', 'unsafe_regex', 'empty text'],
    ['(a|a)*', 'unsafe_regex', 'same character'],
    ['(\\w+\\s?)+', 'unsafe_regex', 'length varies'],
    ['(a)\\1', 'unsafe_regex', 'backreferences'],
    ['(?<x>a)\\k<x>', 'unsafe_regex', 'backreferences'],
    ['(?=a)', 'unsafe_regex', 'lookahead'],
    ['.*.*x', 'unsafe_regex', 'polynomially'],
    ['^.*.*.*x', 'unsafe_regex', 'polynomially'],
    ['a{1,5000}', 'unsafe_regex', 'above 1000'],
    ['[', 'invalid_regex', 'Invalid regular expression'],
    ['a', 'invalid_regex', "flag 'g'"],
  ])('rejects %s with %s', (pattern, code, reason) => {
    const verdict = vetRegex(pattern, pattern === 'a' ? 'g' : '', 256);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.code).toBe(code);
    expect(!verdict.ok && verdict.reason).toContain(reason);
  });

  it('is case-insensitive with i, and matches as JS RegExp does', () => {
    const res = compile("REGEXP_LIKE(DeviceName, '^desk', 'i')", { fields: FIELDS });
    expect(res.ok && res.expr.evaluate({ deviceName: 'DESKTOP-1' })).toEqual({ ok: true, value: true });
    expect(res.ok && res.expr.evaluate({ deviceName: 'LAPTOP-1' })).toEqual({ ok: true, value: false });
    expect(res.ok && res.expr.evaluate({ deviceName: null })).toEqual({ ok: true, value: null });
  });
});

describe('ExprError', () => {
  it('formats the line, position and carets under the span', () => {
    const source = 'UPPER(DevceName)';
    const res = compile(source, { fields: FIELDS });
    const error = !res.ok ? res.errors[0] : undefined;
    expect(error?.format(source)).toBe(
      [
        "error[unknown_field] at 1:7: unknown field 'DevceName'; did you mean 'deviceName'?",
        '  UPPER(DevceName)',
        '        ^^^^^^^^^',
      ].join('\n'),
    );
  });

  it('points into the right line of a multi-line source and counts emoji as one column', () => {
    const source = "CASE\n  WHEN '😀' = Foo THEN 1\nEND";
    const res = compile(source, { fields: FIELDS });
    const error = !res.ok ? res.errors[0] : undefined;
    expect(error?.format(source).split('\n')).toEqual([
      "error[unknown_field] at 2:14: unknown field 'Foo'; text goes in single quotes: 'Foo'",
      "    WHEN '😀' = Foo THEN 1",
      '               ^^^',
    ]);
  });

  it('renders one caret at the end of the source for unexpected_end', () => {
    const res = parse('a +');
    expect(!res.ok && res.error.format('a +').split('\n')[2]).toBe('     ^');
  });

  it('serialises to phase, code, span and summary for API responses', () => {
    const error = new ExprError({ phase: 'check', code: 'unknown_field', span: { start: 1, end: 2 }, summary: 's' });
    expect(JSON.parse(JSON.stringify(error))).toEqual({ phase: 'check', code: 'unknown_field', span: { start: 1, end: 2 }, summary: 's' });
    expect(error).toBeInstanceOf(Error);
  });
});
