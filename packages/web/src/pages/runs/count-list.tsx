import { formatCount } from '../../lib/format.js';
import { detailCounts, summaryCounts } from '../../lib/run-counts.js';

/** A run's counts as a compact row of numbers with labels. */
export function CountList({ counts, detail = false }: { readonly counts: unknown; readonly detail?: boolean }) {
  const entries = detail ? detailCounts(counts) : summaryCounts(counts);
  return (
    <ul className="stats" aria-label="Run counts">
      {entries.map((entry) => (
        <li key={entry.key}>
          <span className="stat-value" style={entry.key === 'failed' && entry.value > 0 ? { color: 'var(--color-danger)' } : undefined}>{formatCount(entry.value)}</span>
          <span className="stat-label">{entry.label}</span>
        </li>
      ))}
    </ul>
  );
}
