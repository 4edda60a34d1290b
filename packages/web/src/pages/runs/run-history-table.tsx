import { Link, useNavigate } from 'react-router';
import type { RunSummary } from '../../api/runs.js';
import { Badge, Pagination, StatusBadge, Table, humanize } from '../../components/index.js';
import type { Column, CursorPaging } from '../../components/index.js';
import { formatCount, formatDateTime, formatDuration } from '../../lib/format.js';
import { countValue } from '../../lib/run-counts.js';

export interface RunHistoryTableProps {
  readonly caption: string;
  readonly runs: readonly RunSummary[];
  readonly nextCursor: string | null;
  readonly paging: CursorPaging;
  readonly showConnection?: boolean;
}

const TRIGGER_LABELS: Readonly<Record<string, string>> = { manual: 'Manual', schedule: 'Schedule', cli: 'CLI' };

export function triggerLabel(trigger: string): string {
  return TRIGGER_LABELS[trigger] ?? humanize(trigger);
}

const COUNT_COLUMNS = ['synced', 'created', 'updated', 'unchanged', 'skipped', 'failed'] as const;

export function RunHistoryTable({ caption, runs, nextCursor, paging, showConnection = false }: RunHistoryTableProps) {
  const navigate = useNavigate();
  const columns: Column<RunSummary>[] = [
    {
      key: 'status',
      header: 'Status',
      nowrap: true,
      render: (run) => (
        <span className="row" style={{ gap: 'var(--space-1)' }}>
          <Link to={`/runs/${encodeURIComponent(run.id)}`} aria-label={`Run of ${formatDateTime(run.startedAt ?? run.queuedAt)}, ${run.status}`}><StatusBadge status={run.status} /></Link>
          {run.dryRun && <Badge tone="info">Preview</Badge>}
        </span>
      ),
    },
    ...(showConnection ? [{ key: 'connection', header: 'Connection', render: (run: RunSummary) => <Link to={`/connections/${encodeURIComponent(run.connection)}`}>{run.connection}</Link> }] : []),
    { key: 'trigger', header: 'Trigger', render: (run) => triggerLabel(run.trigger) },
    { key: 'started', header: 'Started', nowrap: true, render: (run) => formatDateTime(run.startedAt ?? run.queuedAt) },
    { key: 'duration', header: 'Duration', align: 'right', render: (run) => (run.status === 'running' || run.status === 'queued' ? '…' : formatDuration(run.durationMs)) },
    ...COUNT_COLUMNS.map((key): Column<RunSummary> => ({
      key,
      header: humanize(key),
      align: 'right',
      render: (run) => (run.counts === null ? '—' : formatCount(countValue(run.counts, key))),
    })),
  ];
  return (
    <>
      <Table
        caption={caption}
        columns={columns}
        rows={runs}
        rowKey={(run) => run.id}
        onRowClick={(run) => void navigate(`/runs/${encodeURIComponent(run.id)}`)}
        empty={<span className="muted">No runs yet.</span>}
      />
      {(paging.hasPrevious || nextCursor !== null) && (
        <Pagination
          label={`${caption} pages`}
          summary={`Page ${paging.page}`}
          hasPrevious={paging.hasPrevious}
          hasNext={nextCursor !== null}
          onPrevious={paging.previous}
          onNext={() => paging.next(nextCursor)}
        />
      )}
    </>
  );
}
