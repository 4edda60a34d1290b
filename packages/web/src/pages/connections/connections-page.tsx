import { Link, useNavigate } from 'react-router';
import { connectionsApi } from '../../api/connections.js';
import type { ConnectionListItem } from '../../api/connections.js';
import { AsyncContent, Badge, ButtonLink, Card, EmptyState, PageHeader, StatusBadge, Table, useApi } from '../../components/index.js';
import { useSession } from '../../app/session.js';
import { formatDateTime } from '../../lib/format.js';

export function ConnectionsPage() {
  const { can } = useSession();
  const navigate = useNavigate();
  const connections = useApi((signal) => connectionsApi.list(signal), []);
  return (
    <>
      <PageHeader
        title="Connections"
        description="Intune tenants synced into the register."
        actions={can('analyst') ? <ButtonLink to="/connections/new" variant="primary">New connection</ButtonLink> : undefined}
      />
      <Card flush>
        <AsyncContent state={connections} loadingLabel="Loading connections…">
          {({ items }) =>
            items.length === 0 ? (
              <EmptyState title="No connections yet" action={can('analyst') ? <ButtonLink to="/connections/new" variant="primary">Add your first connection</ButtonLink> : undefined}>
                A connection links one Intune tenant to the register.
              </EmptyState>
            ) : (
              <Table<ConnectionListItem>
                caption="Connections"
                columns={[
                  { key: 'name', header: 'Name', render: (c) => <Link to={`/connections/${encodeURIComponent(c.name)}`}>{c.name}</Link> },
                  { key: 'active', header: 'State', render: (c) => (c.isActive ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>) },
                  { key: 'tenant', header: 'Tenant id', render: (c) => <span className="mono small">{c.tenantId}</span> },
                  { key: 'mode', header: 'Mode', render: (c) => (c.syncMode === 'inventory' ? 'Inventory' : 'Discovery') },
                  { key: 'department', header: 'Department', render: (c) => c.department },
                  { key: 'last', header: 'Last run', render: (c) => (c.lastRun === null ? <span className="muted">Never</span> : <span className="row" style={{ gap: 'var(--space-1)' }}><StatusBadge status={c.lastRun.status} />{formatDateTime(c.lastRun.finishedAt ?? c.lastRun.startedAt ?? c.lastRun.queuedAt)}</span>) },
                  { key: 'next', header: 'Next run', render: (c) => formatDateTime(c.nextRunAt) },
                  { key: 'attention', header: 'Attention', render: (c) => (c.attention.length === 0 ? '—' : <Badge tone="warning" title={c.attention.join('; ')}>{c.attention.length} {c.attention.length === 1 ? 'issue' : 'issues'}</Badge>) },
                ]}
                rows={items}
                rowKey={(c) => c.id}
                onRowClick={(c) => void navigate(`/connections/${encodeURIComponent(c.name)}`)}
              />
            )
          }
        </AsyncContent>
      </Card>
    </>
  );
}
