import { describe, expect, it } from 'vitest';
import { countByAction, diffHasWrites, filterDiff } from './diff-grouping.js';
import type { DiffEntry } from './diff-grouping.js';

const diff: DiffEntry[] = [
  { deviceId: 'd1', deviceName: 'LAPTOP-1', action: 'unchanged' },
  { deviceId: 'd2', deviceName: 'LAPTOP-2', action: 'update', changes: [{ field: 'osVersion', old: '10.0.1', new: '10.0.2' }] },
  { deviceId: 'd3', deviceName: 'PHONE-3', action: 'skip', reason: 'personal_device' },
  { deviceId: 'd4', deviceName: null, action: 'create' },
  { deviceId: 'd5', deviceName: 'LAPTOP-5', action: 'unchanged' },
];

describe('countByAction', () => {
  it('counts each action, writes first and unchanged last', () => {
    expect(countByAction(diff)).toEqual([
      { action: 'create', count: 1 },
      { action: 'update', count: 1 },
      { action: 'skip', count: 1 },
      { action: 'unchanged', count: 2 },
    ]);
  });
});

describe('filterDiff', () => {
  it('hides unchanged lines by default but shows them when asked or filtered for', () => {
    expect(filterDiff(diff, { action: '', search: '', showUnchanged: false }).map((e) => e.deviceId)).toEqual(['d2', 'd3', 'd4']);
    expect(filterDiff(diff, { action: '', search: '', showUnchanged: true })).toHaveLength(5);
    expect(filterDiff(diff, { action: 'unchanged', search: '', showUnchanged: false })).toHaveLength(2);
  });

  it('searches device name, id, reason and changed field names', () => {
    expect(filterDiff(diff, { action: '', search: 'phone', showUnchanged: true }).map((e) => e.deviceId)).toEqual(['d3']);
    expect(filterDiff(diff, { action: '', search: 'osversion', showUnchanged: true }).map((e) => e.deviceId)).toEqual(['d2']);
    expect(filterDiff(diff, { action: '', search: 'personal', showUnchanged: true }).map((e) => e.deviceId)).toEqual(['d3']);
  });
});

describe('diffHasWrites', () => {
  it('is false for a diff of only unchanged and skipped devices', () => {
    expect(diffHasWrites(diff)).toBe(true);
    expect(diffHasWrites(diff.filter((e) => e.action === 'unchanged' || e.action === 'skip'))).toBe(false);
  });
});
