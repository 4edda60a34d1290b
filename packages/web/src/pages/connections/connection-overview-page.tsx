import { useParams } from 'react-router';
import { Link } from 'react-router';
import { connectionsApi } from '../../api/connections.js';
import type { ConnectionView, ScheduleInfo } from '../../api/connections.js';
import { runsApi } from '../../api/runs.js';
import { AsyncContent, Badge, ButtonLink, Card, PageHeader, useApi, useCursorPaging } from '../../components/index.js';
import { useSession } from '../../app/session.js';
import { formatDateTime } from '../../lib/format.js';
import { RunHistoryTable } from '../runs/run-history-table.js';
import { SyncActions } from './sync-actions.js';

export function ConnectionOverviewPage() {
  const { name = '' } = useParams();
  const connection = useApi((signal) => connectionsApi.get(name, signal), [name]);
  // The schedule is optional for this page: a failure only hides the next runs and the debounce hint.
  const schedule = useApi((signal) => connectionsApi.schedule(name, signal).catch(() => null), [name]);
  return (
    <AsyncContent state={connection} loadingLabel="Loading connection…" errorTitle="The connection could not be loaded">
      {(view) => (schedule.loading && schedule.data === undefined ? null : <Overview view={view} schedule={schedule.data ?? null} />)}
    </AsyncContent>
  );
}

function Overview({ view, schedule }: { readonly view: ConnectionView; readonly schedule: ScheduleInfo | null }) {
  const { can } = useSession();
  const paging = useCursorPaging();
  const runs = useApi((signal) => runsApi.listForConnection(view.name, paging.cursor, signal), [view.name, paging.cursor]);
  const isActive = view.isActive === true;
  return (
    <>
      <PageHeader
        title={view.name}
        breadcrumb={<><Link to="/connections">Connections</Link> / {view.name}</>}
        badge={isActive ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>}
        description={view.description === undefined || view.description === '' ? undefined : view.description}
        actions={
          <>
            <ButtonLink to={`/connections/${encodeURIComponent(view.name)}/setup`}>{can('analyst') ? 'Setup' : 'View setup'}</ButtonLink>
            {can('analyst') && <SyncActions connection={view.name} isActive={isActive} initialAvailableAt={schedule?.syncNowAvailableAt ?? null} />}
          </>
        }
      />
      <div className="stack">
        <div className="grid-2">
          <Card title="Summary" level={2}>
            <dl className="dl">
              <dt>Tenant id</dt><dd className="mono">{view.tenantId ?? '—'}</dd>
              <dt>Client id</dt><dd className="mono">{view.clientId ?? '—'}</dd>
              <dt>Department</dt><dd>{view.department ?? '—'}</dd>
              <dt>Sync mode</dt><dd>{view.syncMode === 'discovery' ? 'Discovery' : 'Inventory (fixed assets)'}</dd>
              <dt>Client secret</dt><dd>{view.hasSecret ? `Stored${view.secretUpdatedAt === null ? '' : `, set ${formatDateTime(view.secretUpdatedAt)}`}` : 'None'}</dd>
              <dt>Last test</dt>
              <dd>{view.lastTest === null ? <span className="muted">Never tested</span> : <span>{view.lastTest.ok ? <Badge tone="success">Passed</Badge> : <Badge tone="danger">Failed</Badge>} {formatDateTime(view.lastTest.at)} · {view.lastTest.message}</span>}</dd>
            </dl>
          </Card>
          <Card title="Schedule" level={2}>
            {schedule === null ? (
              <p className="muted" style={{ margin: 0 }}>No schedule information.</p>
            ) : (
              <dl className="dl">
                <dt>Cron</dt><dd className="mono">{schedule.cron} ({schedule.timezone})</dd>
                <dt>Next runs</dt>
                <dd>{!isActive ? <span className="muted">Inactive: not scheduled</span> : schedule.nextRuns.length === 0 ? '—' : <ul style={{ margin: 0, paddingLeft: 'var(--space-4)' }}>{schedule.nextRuns.map((at) => <li key={at}>{formatDateTime(at)}</li>)}</ul>}</dd>
              </dl>
            )}
          </Card>
        </div>
        <Card title="Run history" level={2} flush>
          <AsyncContent state={runs} loadingLabel="Loading runs…">
            {(page) => <RunHistoryTable caption="Run history" runs={page.items} nextCursor={page.nextCursor} paging={paging} />}
          </AsyncContent>
        </Card>
      </div>
    </>
  );
}
