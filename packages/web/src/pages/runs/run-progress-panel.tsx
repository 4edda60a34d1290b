import type { RunProgress } from '../../api/runs.js';
import { Card } from '../../components/index.js';
import { progressView } from '../../lib/run-progress.js';

export function RunProgressPanel({ progress, transport, queued }: { readonly progress: RunProgress | null; readonly transport: 'events' | 'polling'; readonly queued: boolean }) {
  const view = queued && progress === null ? { percent: null, label: 'Queued: waiting for a worker' } : progressView(progress);
  return (
    <Card title="Progress" level={2}>
      <div className="stack-sm">
        <div
          className="progress"
          role="progressbar"
          aria-label="Sync progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={view.percent ?? undefined}
          aria-valuetext={view.label}
        >
          {view.percent === null ? <div className="progress-bar progress-indeterminate" /> : <div className="progress-bar" style={{ width: `${view.percent}%` }} />}
        </div>
        <p style={{ margin: 0 }} aria-live="polite" data-testid="run-progress-label">{view.label}</p>
        <p className="small muted" style={{ margin: 0 }}>
          {transport === 'events' ? 'Live: updates as the sync goes.' : 'Updating every few seconds.'} The report appears here when the run ends.
        </p>
      </div>
    </Card>
  );
}
