import { Link, useParams } from 'react-router';
import { registerApi } from '../../api/register.js';
import type { AssetListItem } from '../../api/register.js';
import { AsyncContent, Badge, ButtonLink, Card, PageHeader, StatusBadge, Table, useApi } from '../../components/index.js';
import { formatDateTime } from '../../lib/format.js';

export function UserDetailPage() {
  const { id = '' } = useParams();
  const detail = useApi((signal) => registerApi.user(id, signal), [id]);
  return (
    <AsyncContent state={detail} loadingLabel="Loading user…" errorTitle="The user could not be loaded">
      {({ user, assets }) => (
        <>
          <PageHeader
            title={user.name}
            breadcrumb={<><Link to="/users">Users</Link> / {user.name}</>}
            badge={user.isActive ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>}
            description={user.email ?? undefined}
            actions={<ButtonLink to={`/assets?user=${encodeURIComponent(user.id)}`}>Open in assets list</ButtonLink>}
          />
          <div className="stack">
            <Card title="Details" level={2}>
              <dl className="dl">
                <dt>Email</dt><dd>{user.email ?? '—'}</dd>
                <dt>UPN</dt><dd>{user.upn ?? '—'}</dd>
                <dt>First name</dt><dd>{user.firstName ?? '—'}</dd>
                <dt>Last name</dt><dd>{user.lastName ?? '—'}</dd>
                <dt>Employee id</dt><dd>{user.employeeId ?? '—'}</dd>
                <dt>NTID</dt><dd>{user.samAccountName ?? '—'}</dd>
                <dt>Site</dt><dd>{user.site?.name ?? '—'}</dd>
                <dt>Source</dt><dd>{user.source}</dd>
                <dt>Created</dt><dd>{formatDateTime(user.createdAt)}</dd>
              </dl>
            </Card>
            <Card title={`Assets (${assets.length})`} level={2} flush>
              <Table<AssetListItem>
                caption="Assets allocated to this user"
                columns={[
                  { key: 'tag', header: 'Asset tag', render: (a) => <Link to={`/assets/${encodeURIComponent(a.id)}`}>{a.assetTag}</Link> },
                  { key: 'name', header: 'Name', render: (a) => a.name ?? '—' },
                  { key: 'model', header: 'Make / model', render: (a) => [a.make, a.model].filter((x) => x !== null).join(' ') || '—' },
                  { key: 'serial', header: 'Serial number', render: (a) => <span className="mono">{a.serialNumber ?? '—'}</span> },
                  { key: 'status', header: 'Status', render: (a) => <StatusBadge status={a.status.key} label={a.status.name} /> },
                ]}
                rows={assets}
                rowKey={(a) => a.id}
                empty={<span className="muted">No asset is allocated to this user.</span>}
              />
            </Card>
          </div>
        </>
      )}
    </AsyncContent>
  );
}
