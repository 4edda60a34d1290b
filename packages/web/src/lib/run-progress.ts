/** Live progress of a running sync: what the bar and the line under it say. */
export interface ProgressInput {
  readonly stage?: string | undefined;
  readonly devicesDone?: number | undefined;
  readonly devicesFetched?: number | undefined;
  readonly devicesTotal?: number | null | undefined;
}

export interface ProgressView {
  /** 0–100, or null when the total is unknown (the bar is then indeterminate). */
  readonly percent: number | null;
  readonly label: string;
}

const STAGE_LABELS: Readonly<Record<string, string>> = {
  queued: 'Waiting to start',
  users: 'Reading users',
  groups: 'Reading groups',
  fetch: 'Fetching devices',
  filter: 'Filtering',
  lookup: 'Matching',
  enrich: 'Enriching',
  map: 'Mapping',
  diff: 'Comparing',
  write: 'Writing',
  reconcile: 'Reconciling lifecycle',
  done: 'Finishing',
};

export function stageLabel(stage: string | undefined): string {
  if (stage === undefined || stage === '') return 'Starting';
  return STAGE_LABELS[stage] ?? stage;
}

const NUMBER = new Intl.NumberFormat('en-US');

export function progressView(progress: ProgressInput | null): ProgressView {
  if (progress === null) return { percent: null, label: 'Waiting to start' };
  const done = progress.devicesDone ?? 0;
  const total = progress.devicesTotal ?? null;
  const stage = stageLabel(progress.stage);
  if (total === null || total <= 0) {
    const fetched = progress.devicesFetched ?? 0;
    const seen = Math.max(done, fetched);
    return { percent: null, label: seen > 0 ? `${stage}: ${NUMBER.format(done)} devices done, ${NUMBER.format(fetched)} fetched` : stage };
  }
  const percent = Math.min(100, Math.max(0, Math.floor((done / total) * 100)));
  return { percent, label: `${stage}: ${NUMBER.format(done)} of ${NUMBER.format(total)} devices (${percent} %)` };
}
