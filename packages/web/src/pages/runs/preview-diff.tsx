import { useMemo, useState } from 'react';
import type { DeviceDiff } from '../../api/runs.js';
import { Button, Checkbox, Pagination, Select, StatusBadge, Table, TextField, humanize } from '../../components/index.js';
import { countByAction, filterDiff } from '../../lib/diff-grouping.js';
import { formatCount, formatValue } from '../../lib/format.js';

const PAGE_SIZE = 50;

/** The dry run's diff (SPEC §4.12): one line per device, field changes old → new when expanded. */
export function PreviewDiff({ diff }: { readonly diff: readonly DeviceDiff[] }) {
  const [action, setAction] = useState('');
  const [search, setSearch] = useState('');
  const [showUnchanged, setShowUnchanged] = useState(false);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [page, setPage] = useState(0);
  const counts = useMemo(() => countByAction(diff), [diff]);
  const rows = useMemo(() => filterDiff(diff, { action, search, showUnchanged }), [diff, action, search, showUnchanged]);
  const visible = rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const toggle = (deviceId: string) => setExpanded((current) => {
    const next = new Set(current);
    if (next.has(deviceId)) next.delete(deviceId);
    else next.add(deviceId);
    return next;
  });
  const rowKey = (entry: DeviceDiff) => `${entry.action}:${entry.deviceId}`;
  return (
    <div>
      <ul className="stats" aria-label="Preview summary" style={{ padding: 'var(--space-3)' }}>
        {counts.map((c) => (
          <li key={c.action}><span className="stat-value">{formatCount(c.count)}</span><span className="stat-label">{humanize(c.action)}</span></li>
        ))}
      </ul>
      <div className="toolbar" role="search" aria-label="Filter the preview">
        <Select label="Action" placeholder="All actions" value={action} onChange={(e) => { setAction(e.target.value); setPage(0); }} options={counts.map((c) => ({ value: c.action, label: `${humanize(c.action)} (${formatCount(c.count)})` }))} />
        <TextField label="Search" type="search" placeholder="Device, reason or field" value={search} onChange={(e) => { setSearch(e.target.value); setPage(0); }} />
        <Checkbox label="Show unchanged devices" checked={showUnchanged} onChange={(e) => { setShowUnchanged(e.target.checked); setPage(0); }} />
      </div>
      <Table<DeviceDiff>
        caption="Preview: what this sync would change"
        data-testid="preview-diff"
        columns={[
          { key: 'action', header: 'Action', render: (e) => <StatusBadge status={e.action} /> },
          { key: 'device', header: 'Device', render: (e) => <span>{e.deviceName ?? <span className="muted">(no name)</span>} <span className="mono small muted">{e.deviceId}</span></span> },
          { key: 'reason', header: 'Reason', render: (e) => (e.reason === undefined ? '—' : humanize(e.reason)) },
          {
            key: 'changes',
            header: 'Changes',
            render: (e) => {
              const n = e.changes?.length ?? 0;
              if (n === 0) return '—';
              const open = expanded.has(rowKey(e));
              return (
                <Button size="sm" variant="ghost" aria-expanded={open} onClick={() => toggle(rowKey(e))}>
                  {open ? '▾' : '▸'} {n} {n === 1 ? 'field' : 'fields'}
                </Button>
              );
            },
          },
        ]}
        rows={visible}
        rowKey={rowKey}
        expandedRow={(e) => (expanded.has(rowKey(e)) && e.changes !== undefined ? <ChangeList changes={e.changes} /> : null)}
        empty={<span className="muted">{diff.length === 0 ? 'The preview has no devices.' : 'No line matches these filters.'}</span>}
      />
      {rows.length > PAGE_SIZE && (
        <Pagination
          label="Preview pages"
          summary={`${formatCount(page * PAGE_SIZE + 1)}–${formatCount(Math.min(rows.length, (page + 1) * PAGE_SIZE))} of ${formatCount(rows.length)}`}
          hasPrevious={page > 0}
          hasNext={(page + 1) * PAGE_SIZE < rows.length}
          onPrevious={() => setPage((p) => p - 1)}
          onNext={() => setPage((p) => p + 1)}
        />
      )}
    </div>
  );
}

function ChangeList({ changes }: { readonly changes: NonNullable<DeviceDiff['changes']> }) {
  return (
    <table className="table" aria-label="Field changes">
      <thead><tr><th scope="col">Field</th><th scope="col">Now</th><th scope="col">After sync</th></tr></thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field}>
            <td>{c.field}</td>
            <td><span className="change-old">{formatValue(c.old)}</span></td>
            <td><span className="change-new">{formatValue(c.new)}</span></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
