import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { runsApi } from '../../api/runs.js';
import type { RunDetail } from '../../api/runs.js';
import { AsyncContent, Badge, Button, Card, ErrorNotice, Notice, PageHeader, Spinner, StatusBadge, useApi } from '../../components/index.js';
import { useSession } from '../../app/session.js';
import { availableAtFromDetails, debounceState } from '../../lib/debounce-countdown.js';
import { diffHasWrites } from '../../lib/diff-grouping.js';
import { formatDateTime, formatDuration } from '../../lib/format.js';
import { reportReasons } from '../../lib/run-report.js';
import { PreviewDiff } from './preview-diff.js';
import { triggerLabel } from './run-history-table.js';
import { RunDevicesTable } from './run-devices-table.js';
import { RunProgressPanel } from './run-progress-panel.js';
import { RunReportView } from './run-report-view.js';
import { useRunEvents } from './use-run-events.js';

export function RunPage() {
  const { id = '' } = useParams();
  const detail = useApi((signal) => runsApi.get(id, signal), [id]);
  return (
    <AsyncContent state={detail} loadingLabel="Loading run…" errorTitle="The run could not be loaded">
      {(data) => (data.run.id === id ? <RunView key={data.run.id} detail={data} reload={detail.reload} /> : <Spinner label="Loading run…" />)}
    </AsyncContent>
  );
}

function RunView({ detail, reload }: { readonly detail: RunDetail; readonly reload: () => void }) {
  const { run, report } = detail;
  const isLive = run.status === 'queued' || run.status === 'running';
  const events = useRunEvents(run.id, run.progress, isLive);
  useEffect(() => {
    if (events.finished !== null) reload();
  }, [events.finished, reload]);
  const title = run.dryRun ? `Preview of ${run.connection}` : `Sync of ${run.connection}`;
  const reasons = report === null ? [] : reportReasons(report);
  return (
    <>
      <PageHeader
        title={title}
        documentTitle={`${title} (${run.status})`}
        breadcrumb={<><Link to="/runs">Runs</Link> / <Link to={`/connections/${encodeURIComponent(run.connection)}`}>{run.connection}</Link></>}
        badge={<><StatusBadge status={run.status} />{run.dryRun && <Badge tone="info">Preview: nothing written</Badge>}</>}
        description={`${triggerLabel(run.trigger)} run · queued ${formatDateTime(run.queuedAt)}${run.startedAt === null ? '' : ` · started ${formatDateTime(run.startedAt)}`}${run.durationMs === null ? '' : ` · took ${formatDuration(run.durationMs)}`}`}
        actions={run.dryRun && report !== null ? <ApplyButton connection={run.connection} hasWrites={report.diff === undefined || diffHasWrites(report.diff)} /> : undefined}
      />
      <div className="stack">
        {isLive && <RunProgressPanel progress={events.progress} transport={events.transport} queued={run.status === 'queued'} />}
        {run.error !== undefined && run.error !== null && <Notice tone="error" title="The run failed">{run.error}</Notice>}
        {!isLive && report === null && <Notice tone="warning">This run has no report (it ended before writing one).</Notice>}
        {report !== null && run.dryRun && report.diff !== undefined && (
          <Card title="Preview: changes this sync would make" level={2} flush>
            <PreviewDiff diff={report.diff} />
          </Card>
        )}
        {report !== null && <RunReportView report={report} />}
        {!isLive && !(run.dryRun && report?.diff !== undefined) && (
          <Card title="Devices" level={2} flush>
            <RunDevicesTable runId={run.id} reasons={reasons} />
          </Card>
        )}
      </div>
    </>
  );
}

/** "Apply: run this sync" after a preview: starts a real (debounced) sync of the same connection. */
function ApplyButton({ connection, hasWrites }: { readonly connection: string; readonly hasWrites: boolean }) {
  const { can } = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [blockedLabel, setBlockedLabel] = useState<string | null>(null);
  if (!can('analyst')) return null;
  const apply = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { runId } = await runsApi.start(connection, false);
      void navigate(`/runs/${encodeURIComponent(runId)}`);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.code === 'sync_debounced') {
        setBlockedLabel(debounceState(availableAtFromDetails(err.details, new Date()), new Date()).label);
      } else setError(err);
    }
  };
  return (
    <div className="stack-sm" style={{ alignItems: 'flex-end' }}>
      <Button variant="primary" busy={busy} disabled={blockedLabel !== null} onClick={() => void apply()} title={hasWrites ? undefined : 'The preview found nothing to change'}>
        Apply: run this sync
      </Button>
      {blockedLabel !== null && <span className="small muted">{blockedLabel}</span>}
      {error !== undefined && <ErrorNotice error={error} title="The sync could not be started" />}
    </div>
  );
}
