/** The dry run's diff (SPEC §4.12): counting and filtering it for the Preview table. */
export interface DiffEntry {
  readonly deviceId: string;
  readonly deviceName: string | null;
  readonly action: string;
  readonly reason?: string;
  readonly changes?: readonly { readonly field: string; readonly old: unknown; readonly new: unknown }[];
}

/** The order actions are listed in: what will change first, what won't last. */
export const ACTION_ORDER = ['create', 'update', 'retire', 'restore', 'inactivate', 'fail', 'duplicate', 'skip', 'unchanged'] as const;

export function countByAction(diff: readonly DiffEntry[]): { action: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const entry of diff) counts.set(entry.action, (counts.get(entry.action) ?? 0) + 1);
  const rank = (action: string) => {
    const index = (ACTION_ORDER as readonly string[]).indexOf(action);
    return index === -1 ? ACTION_ORDER.length : index;
  };
  return [...counts.entries()].map(([action, count]) => ({ action, count })).sort((a, b) => rank(a.action) - rank(b.action) || a.action.localeCompare(b.action));
}

export interface DiffFilter {
  /** '' for every action. */
  readonly action: string;
  readonly search: string;
  /** Hide "unchanged" lines unless asked (they are most of a re-sync's diff). */
  readonly showUnchanged: boolean;
}

export function filterDiff<T extends DiffEntry>(diff: readonly T[], filter: DiffFilter): T[] {
  const needle = filter.search.trim().toLowerCase();
  return diff.filter((entry) => {
    if (filter.action !== '' && entry.action !== filter.action) return false;
    if (filter.action === '' && !filter.showUnchanged && entry.action === 'unchanged') return false;
    if (needle === '') return true;
    return (
      entry.deviceId.toLowerCase().includes(needle) ||
      (entry.deviceName ?? '').toLowerCase().includes(needle) ||
      (entry.reason ?? '').toLowerCase().includes(needle) ||
      (entry.changes ?? []).some((change) => change.field.toLowerCase().includes(needle))
    );
  });
}

/** Whether the dry run would write anything (the Apply button is pointless otherwise). */
export function diffHasWrites(diff: readonly DiffEntry[]): boolean {
  return diff.some((entry) => entry.action === 'create' || entry.action === 'update' || entry.action === 'retire' || entry.action === 'restore' || entry.action === 'inactivate');
}
