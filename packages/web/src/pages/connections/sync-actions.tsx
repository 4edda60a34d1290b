import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.js';
import { runsApi } from '../../api/runs.js';
import { Button, ErrorNotice, Notice, useNow } from '../../components/index.js';
import { availableAtFromDetails, debounceState } from '../../lib/debounce-countdown.js';

export interface SyncActionsProps {
  readonly connection: string;
  readonly isActive: boolean;
  /** From GET /connections/:name/schedule, so a reload still shows the debounce. */
  readonly initialAvailableAt: string | null;
}

/** "Sync now" (debounced, SPEC §6) and "Preview" (a dry run, never debounced); both open the run page. */
export function SyncActions({ connection, isActive, initialAvailableAt }: SyncActionsProps) {
  const navigate = useNavigate();
  const now = useNow(15_000);
  const [availableAt, setAvailableAt] = useState<string | null>(initialAvailableAt);
  const [busy, setBusy] = useState<'sync' | 'preview' | null>(null);
  const [activeRunId, setActiveRunId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const debounce = debounceState(availableAt, now);

  const start = async (dryRun: boolean) => {
    setBusy(dryRun ? 'preview' : 'sync');
    setError(undefined);
    setActiveRunId(null);
    try {
      const { runId } = await runsApi.start(connection, dryRun);
      void navigate(`/runs/${encodeURIComponent(runId)}`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'sync_debounced') setAvailableAt(availableAtFromDetails(err.details, new Date()));
      else if (err instanceof ApiError && err.code === 'run_already_active') setActiveRunId(runIdOf(err.details));
      else setError(err);
      setBusy(null);
    }
  };

  return (
    <div className="stack-sm" style={{ alignItems: 'flex-end' }}>
      <div className="row">
        <Button onClick={() => void start(true)} busy={busy === 'preview'} disabled={busy !== null} title="A dry run: shows what a sync would change and writes nothing">
          Preview
        </Button>
        <Button
          variant="primary"
          onClick={() => void start(false)}
          busy={busy === 'sync'}
          disabled={busy !== null || !debounce.isAvailable || !isActive}
          aria-describedby={debounce.label !== null ? 'sync-now-debounce' : undefined}
        >
          Sync now
        </Button>
      </div>
      {debounce.label !== null && <span id="sync-now-debounce" className="small muted" data-testid="sync-now-debounce">{debounce.label}</span>}
      {!isActive && <span className="small muted">The connection is inactive; activate it in Setup to sync.</span>}
      {activeRunId !== null && (
        <Notice tone="info">
          A run of this connection is already in progress. <Link to={`/runs/${encodeURIComponent(activeRunId)}`}>Watch it</Link>
        </Notice>
      )}
      {error !== undefined && <ErrorNotice error={error} title="The run could not be started" />}
    </div>
  );
}

function runIdOf(details: unknown): string | null {
  if (typeof details !== 'object' || details === null) return null;
  const value = (details as Record<string, unknown>).runId;
  return typeof value === 'string' ? value : null;
}
