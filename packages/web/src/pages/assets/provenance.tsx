import { Link } from 'react-router';
import type { AssetFieldView } from '../../api/register.js';
import { Badge } from '../../components/index.js';
import type { BadgeTone } from '../../components/index.js';
import { formatDateTime, formatValue } from '../../lib/format.js';
import type { BookkeepingSource } from '../../lib/sync-bookkeeping.js';

const KIND_TONES: Readonly<Record<string, BadgeTone>> = { intune: 'info', manual: 'neutral', import: 'warning' };

/** Which source last set a field (source badge, run link, when). */
export function Provenance({ provenance }: { readonly provenance: AssetFieldView['provenance'] }) {
  if (provenance === null) return <span className="muted">—</span>;
  const label = provenance.kind === 'intune' ? `Intune${provenance.connection === null ? '' : `: ${provenance.connection.name}`}` : provenance.kind === 'manual' ? 'Manual' : 'Import';
  return (
    <span className="row" style={{ gap: 'var(--space-1)' }}>
      <Badge tone={KIND_TONES[provenance.kind] ?? 'neutral'} title={provenance.source}>{label}</Badge>
      {provenance.runId !== null && <Link to={`/runs/${encodeURIComponent(provenance.runId)}`} className="small">run</Link>}
      <span className="small muted">{formatDateTime(provenance.setAt)}</span>
    </span>
  );
}

/** A field every sync rewrites without provenance rows: the connection, "every sync", and the last run. */
export function SyncBookkeeping({ source }: { readonly source: BookkeepingSource }) {
  return (
    <span className="row" style={{ gap: 'var(--space-1)' }}>
      <Badge tone="info" title="Rewritten each time a sync sees the device (not audited)">{`Intune${source.connection === null ? '' : `: ${source.connection.name}`}`}</Badge>
      {source.runId !== null && <Link to={`/runs/${encodeURIComponent(source.runId)}`} className="small">run</Link>}
      <span className="small muted">on every sync</span>
    </span>
  );
}

export function LastChange({ change }: { readonly change: AssetFieldView['lastChange'] }) {
  if (change === null) return <span className="muted">—</span>;
  return (
    <span className="small">
      {formatDateTime(change.at)} · was <span className="change-old">{formatValue(change.oldValue)}</span>
      {' '}by {change.runId !== null ? <Link to={`/runs/${encodeURIComponent(change.runId)}`}>a sync</Link> : actorText(change.actor)}
    </span>
  );
}

export function actorText(actor: { readonly type: string; readonly id: string | null }): string {
  if (actor.type === 'run') return 'a sync';
  if (actor.type === 'system') return 'the system';
  return actor.id === null ? 'a person' : `account ${actor.id}`;
}
