import { Link } from 'react-router';
import { connectionsApi } from '../../api/connections.js';
import { runsApi } from '../../api/runs.js';
import type { ConnectionListItem } from '../../api/connections.js';
import { AsyncContent, Badge, ButtonLink, Card, EmptyState, PageHeader, StatusBadge, useApi } from '../../components/index.js';
import { useSession } from '../../app/session.js';
import { formatDateTime, formatRelative } from '../../lib/format.js';
import { CountList } from '../runs/count-list.js';
import { unresolvedFailures } from './unresolved-failures.js';

export function DashboardPage() {
  const { can } = useSession();
  const connections = useApi((signal) => connectionsApi.list(signal), []);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Each Intune connection with its last and next sync."
        actions={can('analyst') ? <ButtonLink to="/connections/new" variant="primary">New connection</ButtonLink> : undefined}
      />
      <AsyncContent state={connections} loadingLabel="Loading connections…">
        {({ items }) =>
          items.length === 0 ? (
            <div className="card">
              <EmptyState
                title="No connections yet"
                action={can('analyst') ? <ButtonLink to="/connections/new" variant="primary">Add your first connection</ButtonLink> : undefined}
              >
                {can('analyst')
                  ? 'Connect an Intune tenant and every managed device appears in the register.'
                  : 'An analyst or administrator has to add a connection to an Intune tenant first.'}
              </EmptyState>
            </div>
          ) : (
            <div className="grid-cards">
              {items.map((connection) => <ConnectionCard key={connection.id} connection={connection} now={now} />)}
            </div>
          )
        }
      </AsyncContent>
      <RecentFailures now={now} />
    </>
  );
}

/**
 * Failed runs not since fixed by a successful run of their connection; hidden when there are none or the list
 * cannot be read. One page of the newest failed and succeeded runs: a failure is shown only when no newer success
 * of its connection is on that page, and any success that would hide it is newer, so it is on the page too.
 */
function RecentFailures({ now }: { readonly now: Date }) {
  const runs = useApi((signal) => runsApi.list({ status: 'failed,succeeded' }, signal).catch(() => null), []);
  const items = unresolvedFailures(runs.data?.items ?? []).slice(0, 5);
  if (items.length === 0) return null;
  return (
    <div style={{ marginTop: 'var(--space-5)' }}>
      <Card title="Recent failed runs" level={2}>
        <ul className="stack-sm" style={{ margin: 0, paddingLeft: 'var(--space-4)' }}>
          {items.map((run) => (
            <li key={run.id}>
              <Link to={`/runs/${encodeURIComponent(run.id)}`}>{run.connection}: {run.dryRun ? 'preview' : 'sync'} {formatRelative(run.finishedAt ?? run.queuedAt, now)}</Link>
              {run.error !== undefined && run.error !== null && <span className="muted small"> · {run.error}</span>}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

function ConnectionCard({ connection, now }: { readonly connection: ConnectionListItem; readonly now: Date }) {
  const run = connection.lastRun;
  return (
    <Card
      level={2}
      data-testid={`connection-card-${connection.name}`}
      title={<Link to={`/connections/${encodeURIComponent(connection.name)}`}>{connection.name}</Link>}
      actions={connection.isActive ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>}
    >
      <div className="stack-sm">
        {connection.description !== '' && <p className="muted small" style={{ margin: 0 }}>{connection.description}</p>}
        <dl className="dl">
          <dt>Last run</dt>
          <dd>
            {run === null ? (
              <span className="muted">Never run</span>
            ) : (
              <span className="row" style={{ gap: 'var(--space-2)' }}>
                <StatusBadge status={run.status} />
                {run.dryRun && <Badge tone="info">Preview</Badge>}
                <Link to={`/runs/${encodeURIComponent(run.id)}`} title={formatDateTime(run.finishedAt ?? run.startedAt ?? run.queuedAt)}>
                  {formatRelative(run.finishedAt ?? run.startedAt ?? run.queuedAt, now)}
                </Link>
              </span>
            )}
          </dd>
          <dt>Next run</dt>
          <dd>
            {connection.nextRunAt === null ? (
              <span className="muted">{connection.isActive ? 'Not scheduled' : 'Inactive: not scheduled'}</span>
            ) : (
              <span title={formatDateTime(connection.nextRunAt)}>{formatDateTime(connection.nextRunAt)} ({formatRelative(connection.nextRunAt, now)})</span>
            )}
          </dd>
          <dt>Mode</dt>
          <dd>{connection.syncMode === 'inventory' ? 'Inventory (fixed assets)' : 'Discovery'} · {connection.department}</dd>
        </dl>
        {run?.counts !== null && run?.counts !== undefined && <CountList counts={run.counts} />}
        {run?.error !== null && run?.error !== undefined && <p className="small" style={{ margin: 0, color: 'var(--color-danger)' }}>{run.error}</p>}
        {connection.attention.length > 0 && (
          <div className="notice notice-warning" role="group" aria-label={`Needs attention: ${connection.name}`}>
            <div>
              <p className="notice-title">Needs attention</p>
              <ul>{connection.attention.map((item) => <li key={item}>{item}</li>)}</ul>
            </div>
          </div>
        )}
      </div>
    </Card>
  );
}
