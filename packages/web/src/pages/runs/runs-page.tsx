import { useEffect, useState } from 'react';
import { runsApi } from '../../api/runs.js';
import { AsyncContent, Card, PageHeader, Select, useApi, useCursorPaging } from '../../components/index.js';
import { RunHistoryTable } from './run-history-table.js';

const STATUSES = ['queued', 'running', 'succeeded', 'partial', 'failed'] as const;

export function RunsPage() {
  const [status, setStatus] = useState('');
  const paging = useCursorPaging();
  const { reset } = paging;
  useEffect(() => reset(), [status, reset]);
  const runs = useApi((signal) => runsApi.list({ status, cursor: paging.cursor }, signal), [status, paging.cursor]);
  return (
    <>
      <PageHeader title="Runs" description="Every sync and preview across connections, newest first." />
      <Card flush>
        <div className="toolbar" role="search" aria-label="Filter runs">
          <Select label="Status" placeholder="All statuses" value={status} onChange={(e) => setStatus(e.target.value)} options={STATUSES.map((s) => ({ value: s, label: s.charAt(0).toUpperCase() + s.slice(1) }))} />
        </div>
        <AsyncContent state={runs} loadingLabel="Loading runs…">
          {(page) => <RunHistoryTable caption="Runs" runs={page.items} nextCursor={page.nextCursor} paging={paging} showConnection />}
        </AsyncContent>
      </Card>
    </>
  );
}
