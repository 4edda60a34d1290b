import { describe, expect, it } from 'vitest';
import { compile, parse } from '../src/index.js';
import { FIELDS } from './fixtures.js';
import type { ExprError, Limits } from '../src/index.js';

const HUGE: Partial<Limits> = { maxSourceLength: 2_000_000, maxDepth: 1_000_000, maxNodes: 10_000_000 };

function errorOf(source: string, limits?: Partial<Limits>): ExprError | undefined {
  const res = compile(source, limits === undefined ? { fields: FIELDS } : { fields: FIELDS, limits });
  if (!res.ok) return res.errors[0];
  const out = res.expr.evaluate({ deviceName: 'a'.repeat(2_000) });
  return out.ok ? undefined : out.error;
}

describe('hostile input gives errors, never a crash or a hang', () => {
  it('unterminated string', () => {
    expect(errorOf("UPPER('abc")?.code).toBe('unterminated_string');
  });

  it('10,000 nested parentheses: too long by default, too deep when the length limit is raised', () => {
    const source = `${'('.repeat(10_000)}1${')'.repeat(10_000)}`;
    expect(errorOf(source)?.code).toBe('source_too_long');
    expect(errorOf(source, { maxSourceLength: 100_000 })?.code).toBe('too_deep');
  });

  it('100,000 nested parentheses with every limit raised still ends in an error, not a stack overflow', () => {
    const source = `${'('.repeat(100_000)}1${')'.repeat(100_000)}`;
    expect(errorOf(source, HUGE)?.code).toBe('too_deep');
  });

  it('deeply nested NOT, signs and calls', () => {
    expect(errorOf(`${'NOT '.repeat(5_000)}TRUE`, { maxSourceLength: 100_000 })?.code).toBe('too_deep');
    expect(errorOf(`${'- '.repeat(5_000)}1`, { maxSourceLength: 100_000 })?.code).toBe('too_deep');
    expect(errorOf(`${'UPPER('.repeat(5_000)}'a'${')'.repeat(5_000)}`, { maxSourceLength: 100_000 })?.code).toBe('too_deep');
  });

  it('huge numbers', () => {
    expect(errorOf('1e400')?.code).toBe('number_out_of_range');
    expect(errorOf('99999999999999999999')?.code).toBe('number_out_of_range');
    expect(errorOf('99999999999999999999.0')).toBeUndefined();
    expect(errorOf(`1${'0'.repeat(400)}.5`)?.code).toBe('number_out_of_range');
  });

  it('unicode identifiers, strings and emoji', () => {
    expect(errorOf('Gerätename')?.code).toBe('unknown_field');
    expect(errorOf('[Gerät 😀]')?.code).toBe('unknown_field');
    expect(errorOf('😀')?.code).toBe('unexpected_character');
    const res = compile("UPPER('ǆ 😀 ñ') + N'日本'", { fields: FIELDS });
    expect(res.ok && res.expr.evaluate({})).toEqual({ ok: true, value: 'Ǆ 😀 Ñ日本' });
    expect(errorOf('\u0000')?.code).toBe('unexpected_character');
  });

  it.each(['(a+)+$', '(a*)*b', '(a|a)*c', '(\\w+\\s?)+$', '(a|aa)+', '(.*a){12}', '(x+x+)+y', '.*.*.*=', '^(a?){25}(a){25}$', '(a)\\1', '(?=a)a', '(?<!a)b'])(
    'regex bomb %s is rejected when compiled',
    (pattern) => {
      expect(errorOf(`REGEXP_LIKE(DeviceName, '${pattern}')`)?.code).toBe('unsafe_regex');
    },
  );

  it('a 1 MB source is refused by default and handled when allowed', () => {
    const chain = Array.from({ length: 250_000 }, () => 'a').join('+');
    expect(chain.length).toBeGreaterThan(400_000);
    const bigString = `'${'x'.repeat(1_000_000)}'`;
    expect(errorOf(bigString)?.code).toBe('source_too_long');
    expect(errorOf(chain, { maxSourceLength: 2_000_000 })?.code).toBe('too_many_nodes');
    expect(errorOf(chain, HUGE)?.code).toBe('too_deep');
    const big = parse(bigString, { limits: { maxSourceLength: 2_000_000 } });
    expect(big.ok).toBe(true);
  });

  it('formats an error in a 1 MB one-line source as a short excerpt', () => {
    const source = `'${'x'.repeat(1_000_000)}' + * 1`;
    const res = parse(source, { limits: { maxSourceLength: 2_000_000 } });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    const text = res.error.format(source);
    expect(text.length).toBeLessThan(500);
    expect(text.split('\n')).toHaveLength(3);
  });
});
