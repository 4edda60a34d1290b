import type { JsonValue } from './json.js';
import type { IsoTimestamp } from './timestamp.js';

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'partial', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type FinishedRunStatus = Extract<RunStatus, 'succeeded' | 'partial' | 'failed'>;

/** Allowed status changes; a queued run may fail without starting (e.g. its connection was deactivated). */
export const RUN_TRANSITIONS: readonly { readonly from: RunStatus; readonly to: RunStatus }[] = [
  { from: 'queued', to: 'running' },
  { from: 'queued', to: 'failed' },
  { from: 'running', to: 'succeeded' },
  { from: 'running', to: 'partial' },
  { from: 'running', to: 'failed' },
];

export function canTransitionRun(from: RunStatus, to: RunStatus): boolean {
  return RUN_TRANSITIONS.some((t) => t.from === from && t.to === to);
}

export function runStatusesLeadingTo(to: RunStatus): RunStatus[] {
  return RUN_TRANSITIONS.filter((t) => t.to === to).map((t) => t.from);
}

export function isFinishedRunStatus(status: RunStatus): status is FinishedRunStatus {
  return status === 'succeeded' || status === 'partial' || status === 'failed';
}

/** Who asked for a run: the Sync-now button, the connection's cron, or `intune-assets sync`. */
export const RUN_TRIGGERS = ['manual', 'schedule', 'cli'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

export interface Run {
  readonly id: string;
  readonly connectionId: string;
  readonly status: RunStatus;
  readonly isDryRun: boolean;
  readonly queuedAt: IsoTimestamp;
  readonly startedAt: IsoTimestamp | null;
  readonly finishedAt: IsoTimestamp | null;
  readonly heartbeatAt: IsoTimestamp | null;
  /** The run report (SPEC §4.13); shape owned by the sync. */
  readonly report: JsonValue | null;
  readonly error: string | null;
  /** Cursor/progress of a running sync, so the UI can show it and a restart can resume. */
  readonly progress: JsonValue | null;
  readonly trigger: RunTrigger;
  /** The account that pressed Sync now (null for the scheduler and the CLI). */
  readonly requestedBy: string | null;
}

export const RUN_DEVICE_OUTCOMES = [
  'created',
  'updated',
  'unchanged',
  'skipped',
  'failed',
  'duplicate',
  'retired',
  'restored',
] as const;
export type RunDeviceOutcome = (typeof RUN_DEVICE_OUTCOMES)[number];

export const RUN_STAGES = ['queued', 'users', 'groups', 'fetch', 'write', 'reconcile', 'done'] as const;
export type RunStage = (typeof RUN_STAGES)[number];

/**
 * Progress as stored on the run and shown by the UI. Graph's list pages carry `@odata.count` per page only, never
 * the tenant's total, so `devicesTotal` is null until the fetch has ended (stage `reconcile` or `done`).
 */
export interface RunProgress {
  readonly stage: RunStage;
  readonly devicesDone: number;
  readonly devicesFetched: number;
  readonly devicesTotal: number | null;
}

export function toRunProgress(event: { readonly stage: Exclude<RunStage, 'queued'>; readonly devicesDone: number; readonly devicesFetched: number }): RunProgress {
  const isFetchOver = event.stage === 'reconcile' || event.stage === 'done';
  return { stage: event.stage, devicesDone: event.devicesDone, devicesFetched: event.devicesFetched, devicesTotal: isFetchOver ? event.devicesFetched : null };
}

/** One device seen by one run: "the history of devices synced per run". */
export interface RunDevice {
  readonly runId: string;
  readonly intuneDeviceId: string;
  readonly outcome: RunDeviceOutcome;
  readonly reason: string | null;
  readonly assetId: string | null;
}
