import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, compile, parse } from '../src/index.js';
import { FIELDS } from './fixtures.js';
import type { ExprError, Limits } from '../src/index.js';

function firstError(source: string, limits: Partial<Limits>, record: Record<string, unknown> = {}): ExprError | undefined {
  const res = compile(source, { fields: FIELDS, limits });
  if (!res.ok) return res.errors[0];
  const out = res.expr.evaluate(record);
  return out.ok ? undefined : out.error;
}

describe('limits', () => {
  it('DEFAULT_LIMITS is frozen', () => {
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true);
  });

  it('maxSourceLength', () => {
    const source = `'${'x'.repeat(DEFAULT_LIMITS.maxSourceLength)}'`;
    const res = parse(source);
    expect(!res.ok && res.error.code).toBe('source_too_long');
    expect(!res.ok && res.error.span).toEqual({ start: DEFAULT_LIMITS.maxSourceLength, end: source.length });
    expect(parse("'abc'", { limits: { maxSourceLength: 4 } }).ok).toBe(false);
    expect(parse("'abc'", { limits: { maxSourceLength: 5 } }).ok).toBe(true);
  });

  it('maxDepth counts parentheses and calls while parsing', () => {
    const err = firstError('UPPER(UPPER(UPPER(DeviceName)))', { maxDepth: 3 });
    expect(err?.code).toBe('too_deep');
    expect(err?.phase).toBe('parse');
    expect(firstError('UPPER(UPPER(DeviceName))', { maxDepth: 3 })).toBeUndefined();
  });

  it('maxDepth also bounds operator chains, which deepen the tree without nesting', () => {
    const err = firstError('1 + 2 + 3 + 4', { maxDepth: 3 });
    expect(err?.code).toBe('too_deep');
    expect(err?.span).toEqual({ start: 0, end: 1 });
    expect(firstError('1 + 2 + 3', { maxDepth: 3 })).toBeUndefined();
  });

  it('maxNodes', () => {
    const err = firstError("CONCAT('a', 'b', 'c')", { maxNodes: 3 });
    expect(err?.code).toBe('too_many_nodes');
    expect(err?.span).toEqual({ start: 0, end: 21 });
    expect(firstError("CONCAT('a', 'b', 'c')", { maxNodes: 4 })).toBeUndefined();
  });

  it('maxCallArguments', () => {
    const err = firstError("CONCAT('a', 'b', 'c', 'd')", { maxCallArguments: 3 });
    expect(err?.code).toBe('too_many_arguments');
    expect(err?.span).toEqual({ start: 22, end: 25 });
    expect(firstError("CONCAT('a', 'b', 'c')", { maxCallArguments: 3 })).toBeUndefined();
  });

  it.each([
    ["DeviceName + 'x'"],
    ["DeviceName || 'x'"],
    ["CONCAT(DeviceName, 'x')"],
    ["REPLACE(DeviceName, 'a', 'aa')"],
  ])('maxStringLength: %s', (source) => {
    const err = firstError(source, { maxStringLength: 10 }, { deviceName: 'aaaaaaaaaa' });
    expect(err?.code).toBe('string_too_long');
    expect(err?.phase).toBe('eval');
    expect(firstError(source, { maxStringLength: 20 }, { deviceName: 'aaaaaaaaaa' })).toBeUndefined();
  });

  it('maxRegexLength', () => {
    const err = firstError(`REGEXP_LIKE(DeviceName, '${'a'.repeat(11)}')`, { maxRegexLength: 10 });
    expect(err?.code).toBe('unsafe_regex');
    expect(err?.span).toEqual({ start: 24, end: 37 });
    expect(firstError(`REGEXP_LIKE(DeviceName, '${'a'.repeat(10)}')`, { maxRegexLength: 10 })).toBeUndefined();
  });

  it('maxRegexInputLength', () => {
    const err = firstError("REGEXP_LIKE(DeviceName, 'a+x')", { maxRegexInputLength: 5 }, { deviceName: 'aaaaaa' });
    expect(err?.code).toBe('regex_input_too_long');
    expect(err?.phase).toBe('eval');
    expect(firstError("REGEXP_LIKE(DeviceName, 'a+x')", { maxRegexInputLength: 6 }, { deviceName: 'aaaaaa' })).toBeUndefined();
  });
});
