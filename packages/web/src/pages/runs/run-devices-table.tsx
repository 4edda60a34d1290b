import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { DEVICE_OUTCOMES, runsApi } from '../../api/runs.js';
import { AsyncContent, Pagination, Select, StatusBadge, Table, TextField, humanize, useApi, useCursorPaging, useDebouncedValue } from '../../components/index.js';


/** Per-device outcomes of one run ("the history of devices synced per run"), filterable. */
export function RunDevicesTable({ runId, reasons }: { readonly runId: string; readonly reasons: readonly string[] }) {
  const [outcome, setOutcome] = useState('');
  const [reason, setReason] = useState('');
  const [searchText, setSearchText] = useState('');
  const search = useDebouncedValue(searchText, 300);
  const paging = useCursorPaging();
  const { reset } = paging;
  useEffect(() => reset(), [outcome, reason, search, reset]);
  const devices = useApi(
    (signal) => runsApi.devices(runId, { outcome, reason, search, cursor: paging.cursor }, signal),
    [runId, outcome, reason, search, paging.cursor],
  );
  return (
    <>
      <div className="toolbar" role="search" aria-label="Filter devices">
        <Select label="Outcome" placeholder="All outcomes" value={outcome} onChange={(e) => setOutcome(e.target.value)} options={DEVICE_OUTCOMES.map((o) => ({ value: o, label: humanize(o) }))} />
        <Select label="Reason" placeholder="All reasons" value={reason} onChange={(e) => setReason(e.target.value)} options={reasons.map((r) => ({ value: r, label: humanize(r) }))} />
        <TextField label="Search devices" type="search" placeholder="Name or Intune id" value={searchText} onChange={(e) => setSearchText(e.target.value)} />
      </div>
      <AsyncContent state={devices} loadingLabel="Loading devices…">
        {(page) => (
          <>
            <Table
              caption="Devices in this run"
              columns={[
                { key: 'device', header: 'Device', render: (d) => d.deviceName ?? <span className="muted">(no name)</span> },
                { key: 'id', header: 'Intune device id', render: (d) => <span className="mono small">{d.intuneDeviceId}</span> },
                { key: 'outcome', header: 'Outcome', render: (d) => <StatusBadge status={d.outcome} /> },
                { key: 'reason', header: 'Reason', render: (d) => (d.reason === null ? '—' : humanize(d.reason)) },
                { key: 'asset', header: 'Asset', render: (d) => (d.assetId === null ? '—' : <Link to={`/assets/${encodeURIComponent(d.assetId)}`}>Open asset</Link>) },
              ]}
              rows={page.items}
              rowKey={(d) => d.intuneDeviceId}
              empty={<span className="muted">No device matches these filters.</span>}
            />
            <Pagination label="Device pages" summary={`Page ${paging.page}`} hasPrevious={paging.hasPrevious} hasNext={page.nextCursor !== null} onPrevious={paging.previous} onNext={() => paging.next(page.nextCursor)} />
          </>
        )}
      </AsyncContent>
    </>
  );
}
