import type { DeviceError, RunReport } from '../../api/runs.js';
import { Card, Notice, Table, humanize } from '../../components/index.js';
import { formatCount, formatDuration } from '../../lib/format.js';
import { skippedByReason } from '../../lib/run-counts.js';
import { CountList } from './count-list.js';

/** The run report of SPEC §4.13. */
export function RunReportView({ report }: { readonly report: RunReport }) {
  const skipped = skippedByReason(report.counts);
  const stages = Object.entries(report.stages).filter(([, s]) => s.ms > 0 || s.devices > 0);
  return (
    <div className="stack">
      {report.notices.length > 0 && (
        <Notice tone={report.status === 'failed' ? 'error' : 'warning'} title="Notices">
          <ul>{report.notices.map((n) => <li key={n}>{n}</li>)}</ul>
        </Notice>
      )}
      {!report.fetchComplete && <Notice tone="warning">The device list was not read completely, so no device was retired or marked missing in this run.</Notice>}
      <Card title="Counts" level={2}>
        <CountList counts={report.counts} detail />
      </Card>
      <div className="grid-2">
        <Card title="Skipped by reason" level={2} flush>
          <Table
            caption="Skipped by reason"
            columns={[
              { key: 'reason', header: 'Reason', render: (row) => humanize(row.reason) },
              { key: 'count', header: 'Devices', align: 'right', render: (row) => formatCount(row.count) },
            ]}
            rows={skipped}
            rowKey={(row) => row.reason}
            empty={<span className="muted">No device was skipped.</span>}
          />
        </Card>
        <Card title="Stages" level={2} flush>
          <Table
            caption="Stage timings"
            columns={[
              { key: 'stage', header: 'Stage', render: ([stage]) => humanize(stage) },
              { key: 'devices', header: 'Devices', align: 'right', render: ([, s]) => formatCount(s.devices) },
              { key: 'ms', header: 'Time', align: 'right', render: ([, s]) => formatDuration(s.ms) },
            ]}
            rows={stages}
            rowKey={([stage]) => stage}
            empty={<span className="muted">No stage timings.</span>}
          />
          <p className="small muted" style={{ margin: 0, padding: 'var(--space-2) var(--space-3)' }}>
            Graph requests: {formatCount(report.graph.requests)} ({report.graph.requestsPerDevice.toFixed(3)} per device)
          </p>
        </Card>
      </div>
      <Card title={`Errors (${formatCount(report.errors.length + report.errorsOmitted)})`} level={2} flush>
        <Table<DeviceError>
          caption="Device errors"
          columns={[
            { key: 'device', header: 'Device', render: (e) => <span className="mono">{e.deviceId}</span> },
            { key: 'stage', header: 'Stage', render: (e) => humanize(e.stage) },
            { key: 'code', header: 'Code', render: (e) => <code>{e.code}</code> },
            { key: 'message', header: 'Message', render: (e) => e.message },
          ]}
          rows={report.errors}
          rowKey={(e) => `${e.deviceId}:${e.stage}:${e.code}`}
          empty={<span className="muted">No device failed.</span>}
        />
        {report.errorsOmitted > 0 && <p className="small muted" style={{ padding: 'var(--space-2) var(--space-3)', margin: 0 }}>{formatCount(report.errorsOmitted)} more errors were counted but not listed.</p>}
      </Card>
    </div>
  );
}

export function reportDuration(report: RunReport): string {
  return formatDuration(report.durationMs);
}
