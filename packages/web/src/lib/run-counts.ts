/** Reading a run's counts (`Record<string, unknown>` on the wire) into the numbers a card shows. */

export interface CountEntry {
  readonly key: string;
  readonly label: string;
  readonly value: number;
}

const SUMMARY_KEYS: readonly (readonly [string, string])[] = [
  ['synced', 'Synced'],
  ['created', 'Created'],
  ['updated', 'Updated'],
  ['unchanged', 'Unchanged'],
  ['skipped', 'Skipped'],
  ['failed', 'Failed'],
];

const DETAIL_KEYS: readonly (readonly [string, string])[] = [
  ['fetched', 'Fetched'],
  ...SUMMARY_KEYS,
  ['retired', 'Retired'],
  ['missing', 'Missing'],
  ['restored', 'Restored'],
  ['inactivated', 'Inactivated'],
  ['allocated', 'Allocated'],
  ['usersCreated', 'Users created'],
  ['conflicts', 'Conflicts'],
];

/** A count as a number: `skipped` may be a `{ reason: n }` record, summed. */
export function countValue(counts: unknown, key: string): number {
  if (typeof counts !== 'object' || counts === null) return 0;
  const value = (counts as Record<string, unknown>)[key];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'object' && value !== null) {
    return Object.values(value).reduce<number>((sum, n) => sum + (typeof n === 'number' && Number.isFinite(n) ? n : 0), 0);
  }
  return 0;
}

/** Synced / created / updated / unchanged / skipped / failed, as the dashboard and run history show them. */
export function summaryCounts(counts: unknown): CountEntry[] {
  return SUMMARY_KEYS.map(([key, label]) => ({ key, label, value: countValue(counts, key) }));
}

/** Every count of the run report; zero-valued lifecycle counts are left out to keep the report short. */
export function detailCounts(counts: unknown): CountEntry[] {
  const always = new Set(['fetched', ...SUMMARY_KEYS.map(([key]) => key)]);
  return DETAIL_KEYS.map(([key, label]) => ({ key, label, value: countValue(counts, key) })).filter((entry) => always.has(entry.key) || entry.value > 0);
}

/** `{ personal_device: 3, invalid_serial: 1 }` → entries sorted by count, largest first. */
export function skippedByReason(counts: unknown): { reason: string; count: number }[] {
  if (typeof counts !== 'object' || counts === null) return [];
  const skipped = (counts as Record<string, unknown>).skipped;
  if (typeof skipped !== 'object' || skipped === null) return [];
  return Object.entries(skipped)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] > 0)
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}
