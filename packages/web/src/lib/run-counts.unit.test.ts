import { describe, expect, it } from 'vitest';
import { countValue, detailCounts, skippedByReason, summaryCounts } from './run-counts.js';

const counts = {
  fetched: 10, synced: 6, created: 2, updated: 1, unchanged: 3, retired: 0, restored: 1,
  skipped: { personal_device: 2, invalid_serial: 1 }, failed: 1,
};

describe('run counts', () => {
  it('sums the skipped reasons and treats missing or bad values as zero', () => {
    expect(countValue(counts, 'skipped')).toBe(3);
    expect(countValue(counts, 'allocated')).toBe(0);
    expect(countValue(null, 'created')).toBe(0);
    expect(countValue({ created: 'x' }, 'created')).toBe(0);
  });

  it('lists the six summary counts in order', () => {
    expect(summaryCounts(counts).map((c) => `${c.label}=${c.value}`)).toEqual([
      'Synced=6', 'Created=2', 'Updated=1', 'Unchanged=3', 'Skipped=3', 'Failed=1',
    ]);
  });

  it('keeps lifecycle counts in the detail only when non-zero', () => {
    const keys = detailCounts(counts).map((c) => c.key);
    expect(keys).toContain('restored');
    expect(keys).not.toContain('retired');
    expect(keys[0]).toBe('fetched');
  });

  it('sorts skip reasons by count', () => {
    expect(skippedByReason(counts)).toEqual([{ reason: 'personal_device', count: 2 }, { reason: 'invalid_serial', count: 1 }]);
    expect(skippedByReason({})).toEqual([]);
  });
});
