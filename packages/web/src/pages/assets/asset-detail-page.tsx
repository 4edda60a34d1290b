import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { registerApi } from '../../api/register.js';
import type { AssetDetail, AssetFieldView, AuditItem } from '../../api/register.js';
import { AsyncContent, Button, Card, ErrorNotice, PageHeader, Spinner, StatusBadge, Table, Tabs, useApi } from '../../components/index.js';
import { useSession } from '../../app/session.js';
import { groupFields } from '../../lib/asset-field-groups.js';
import { formatDateTime, formatDisplay, formatValue } from '../../lib/format.js';
import { BypassCodeReveal } from './bypass-code-reveal.js';
import { bookkeepingSourceOf } from '../../lib/sync-bookkeeping.js';
import { LastChange, Provenance, SyncBookkeeping, actorText } from './provenance.js';

export function AssetDetailPage() {
  const { id = '' } = useParams();
  const detail = useApi((signal) => registerApi.asset(id, signal), [id]);
  return (
    <AsyncContent state={detail} loadingLabel="Loading asset…" errorTitle="The asset could not be loaded">
      {(data) => (data.asset.id === id ? <AssetView key={data.asset.id} detail={data} /> : <Spinner label="Loading asset…" />)}
    </AsyncContent>
  );
}

function AssetView({ detail }: { readonly detail: AssetDetail }) {
  const { can } = useSession();
  const { asset } = detail;
  const [tab, setTab] = useState('fields');
  const title = asset.name === null ? asset.assetTag : `${asset.assetTag} · ${asset.name}`;
  return (
    <>
      <PageHeader
        title={title}
        breadcrumb={<><Link to="/assets">Assets</Link> / {asset.assetTag}</>}
        badge={<StatusBadge status={asset.status.key} label={asset.subStatus === null ? asset.status.name : `${asset.status.name} · ${asset.subStatus.name}`} />}
        description={[asset.category?.name, [asset.make, asset.model].filter((x) => x !== null).join(' '), asset.allocatedUser === null ? 'Unallocated' : `Allocated to ${asset.allocatedUser.name}`].filter((x) => x !== undefined && x !== '').join(' · ')}
      />
      {detail.hasBypassCode && can('admin') && <div style={{ marginBottom: 'var(--space-4)' }}><BypassCodeReveal assetId={asset.id} assetTag={asset.assetTag} /></div>}
      <Tabs
        label="Asset sections"
        selected={tab}
        onSelect={setTab}
        tabs={[
          { id: 'fields', label: 'Fields', content: <FieldGroups detail={detail} /> },
          { id: 'allocation', label: `Allocation history (${detail.allocationHistory.length})`, content: <AllocationHistory detail={detail} /> },
          { id: 'audit', label: 'Audit log', content: <AuditLog assetId={asset.id} first={detail.audit} /> },
          { id: 'software', label: `Software (${detail.software.length})`, content: <Software detail={detail} /> },
        ]}
      />
    </>
  );
}

function FieldGroups({ detail }: { readonly detail: AssetDetail }) {
  const categoryValues = Object.entries(detail.categoryValues);
  return (
    <div className="stack">
      {groupFields(detail.fields).map(({ group, fields }) => (
        <Card key={group} title={group} level={2} flush>
          <Table<AssetFieldView>
            caption={`${group} fields`}
            columns={[
              { key: 'label', header: 'Field', width: '20%', render: (f) => f.label },
              { key: 'value', header: 'Value', width: '28%', render: (f) => (f.display === null ? <span className="muted">—</span> : formatDisplay(f.display)) },
              { key: 'provenance', header: 'Set by', width: '27%', render: (f) => {
                const bookkeeping = bookkeepingSourceOf(f, detail.asset, detail.fields);
                return bookkeeping === null ? <Provenance provenance={f.provenance} /> : <SyncBookkeeping source={bookkeeping} />;
              } },
              { key: 'change', header: 'Last change', width: '25%', render: (f) => <LastChange change={f.lastChange} /> },
            ]}
            fixed
            rows={fields}
            rowKey={(f) => f.field}
          />
        </Card>
      ))}
      {categoryValues.length > 0 && (
        <Card title="Category fields" level={2} flush>
          <Table
            caption="Category fields"
            columns={[
              { key: 'name', header: 'Field', width: '20%', render: ([name]) => name },
              { key: 'value', header: 'Value', render: ([, value]) => formatValue(value) },
            ]}
            fixed
            rows={categoryValues}
            rowKey={([name]) => name}
          />
        </Card>
      )}
    </div>
  );
}

function AllocationHistory({ detail }: { readonly detail: AssetDetail }) {
  return (
    <Card flush>
      <Table
        caption="Allocation history"
        columns={[
          { key: 'at', header: 'When', render: (a) => formatDateTime(a.at) },
          { key: 'action', header: 'Change', render: (a) => (a.action === 'allocated' ? 'Allocated to' : 'Unallocated from') },
          { key: 'user', header: 'User', render: (a) => <Link to={`/users/${encodeURIComponent(a.user.id)}`}>{a.user.name}</Link> },
          { key: 'by', header: 'By', render: (a) => (a.runId !== null ? <Link to={`/runs/${encodeURIComponent(a.runId)}`}>a sync</Link> : actorText(a.actor)) },
        ]}
        rows={detail.allocationHistory}
        rowKey={(a) => `${a.at}:${a.user.id}:${a.action}`}
        empty={<span className="muted">This asset has never been allocated.</span>}
      />
    </Card>
  );
}

function AuditLog({ assetId, first }: { readonly assetId: string; readonly first: AssetDetail['audit'] }) {
  const [items, setItems] = useState<AuditItem[]>(first.items);
  const [cursor, setCursor] = useState<string | null>(first.nextCursor);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const more = async () => {
    if (cursor === null) return;
    setBusy(true);
    setError(undefined);
    try {
      const page = await registerApi.audit(assetId, cursor);
      setItems((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card flush>
      <Table<AuditItem>
        caption="Audit log"
        columns={[
          { key: 'at', header: 'When', render: (a) => formatDateTime(a.at) },
          { key: 'action', header: 'Action', render: (a) => a.action },
          { key: 'field', header: 'Field', render: (a) => a.fieldLabel ?? a.field ?? '—' },
          { key: 'old', header: 'Old value', render: (a) => <span className="change-old">{formatValue(a.oldValue)}</span> },
          { key: 'new', header: 'New value', render: (a) => <span className="change-new">{formatValue(a.newValue)}</span> },
          { key: 'by', header: 'By', render: (a) => (a.runId !== null ? <Link to={`/runs/${encodeURIComponent(a.runId)}`}>a sync</Link> : actorText(a.actor)) },
        ]}
        rows={items}
        rowKey={(a) => String(a.id)}
        empty={<span className="muted">No changes recorded.</span>}
      />
      {error !== undefined && <ErrorNotice error={error} />}
      {cursor !== null && <div className="pagination"><span /><Button size="sm" busy={busy} onClick={() => void more()}>Load older changes</Button></div>}
    </Card>
  );
}

function Software({ detail }: { readonly detail: AssetDetail }) {
  return (
    <Card flush>
      <Table
        caption="Installed software"
        columns={[
          { key: 'name', header: 'Name', render: (s) => s.name },
          { key: 'version', header: 'Version', render: (s) => s.version ?? '—' },
          { key: 'publisher', header: 'Publisher', render: (s) => s.publisher ?? '—' },
        ]}
        rows={detail.software}
        rowKey={(s) => `${s.name}:${s.version ?? ''}`}
        empty={<span className="muted">No software recorded for this asset.</span>}
      />
    </Card>
  );
}
