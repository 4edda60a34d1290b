import { describe, expect, it } from 'vitest';
import { formatCount, formatDateTime, formatDisplay, formatDuration, formatRelative, formatValue, plural } from './format.js';

describe('formatDuration', () => {
  it.each([
    [null, '—'],
    [-5, '—'],
    [0, '0 ms'],
    [850, '850 ms'],
    [1_250, '1.3 s'],
    [12_400, '12 s'],
    [60_000, '1 min'],
    [185_000, '3 min 5 s'],
    [3_600_000, '1 h'],
    [7_380_000, '2 h 3 min'],
  ])('%s ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatDateTime', () => {
  it('prints local date and minutes, and a dash for no value', () => {
    const iso = new Date(2026, 10, 22, 9, 5).toISOString();
    expect(formatDateTime(iso)).toBe('2026-11-22 09:05');
    expect(formatDateTime(null)).toBe('—');
  });

  it('returns text that is not a date unchanged rather than "Invalid Date"', () => {
    expect(formatDateTime('soon')).toBe('soon');
  });
});

describe('formatRelative', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  it.each([
    ['2026-11-22T11:59:50Z', 'just now'],
    ['2026-11-22T11:55:00Z', '5 min ago'],
    ['2026-11-22T15:00:00Z', 'in 3 h'],
    ['2026-11-20T12:00:00Z', '2 days ago'],
    ['2026-11-23T12:00:00Z', 'in 24 h'],
  ])('%s → %s', (iso, text) => {
    expect(formatRelative(iso, now)).toBe(text);
  });
});

describe('formatValue and counts', () => {
  it('renders every kind of value as text', () => {
    expect(formatValue(null)).toBe('—');
    expect(formatValue('')).toBe('—');
    expect(formatValue(true)).toBe('Yes');
    expect(formatValue(16384)).toBe('16,384');
    expect(formatValue(15.5)).toBe('15.5');
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
    expect(formatCount(100000)).toBe('100,000');
    expect(plural(1, 'device')).toBe('1 device');
    expect(plural(2, 'device')).toBe('2 devices');
  });
});

describe('formatDisplay', () => {
  it('turns ISO timestamps into local date and time and leaves other text alone', () => {
    const iso = new Date(2026, 10, 22, 20, 33).toISOString();
    expect(formatDisplay(iso)).toBe('2026-11-22 20:33');
    expect(formatDisplay('2026-11-22')).toBe('2026-11-22');
    expect(formatDisplay('Dell XPS 13')).toBe('Dell XPS 13');
    expect(formatDisplay(null)).toBe('—');
  });
});
