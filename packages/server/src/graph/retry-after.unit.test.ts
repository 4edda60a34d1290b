import { describe, expect, it } from 'vitest';
import { parseIntuneRetryAfter, parseRetryAfter } from './retry-after.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['2', 2000],
    ['2.128', 2128],
    [' 41 ', 41_000],
    ['0', 0],
    ['Sun, 01 Mar 2026 12:00:30 GMT', 30_000],
    ['Sun, 01 Mar 2026 11:59:00 GMT', 0],
  ])('%s → %d ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it.each([[undefined], [null], [''], ['soon'], ['-5'], ['Mon, 99 Foo 2026']])('%s → undefined', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});

describe('parseIntuneRetryAfter', () => {
  it.each([
    [30, 30_000],
    ['12', 12_000],
    ['00:00:30', 30_000],
    ['00:01:02.5', 62_500],
    ['1.00:00:00', 86_400_000],
  ])('%s → %d ms', (value, expected) => {
    expect(parseIntuneRetryAfter(value, NOW)).toBe(expected);
  });

  it.each([[null], [undefined], [-1], [{}], ['later']])('%s → undefined', (value) => {
    expect(parseIntuneRetryAfter(value, NOW)).toBeUndefined();
  });
});
