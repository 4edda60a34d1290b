import type { JsonValue } from '../domain/json.js';
import type { ProgressEvent } from '../sync/ports.js';

export const RUN_STAGES = ['queued', 'users', 'groups', 'fetch', 'write', 'reconcile', 'done'] as const;
export type RunStage = (typeof RUN_STAGES)[number];

/**
 * Progress as the UI shows it. Graph's list pages carry `@odata.count` per page only, never the tenant's total,
 * so `devicesTotal` is null until the fetch has ended (stage `reconcile` or `done`), then equals `devicesFetched`.
 */
export interface RunProgress {
  readonly stage: RunStage;
  readonly devicesDone: number;
  readonly devicesFetched: number;
  readonly devicesTotal: number | null;
}

export function toRunProgress(event: ProgressEvent): RunProgress {
  const isFetchOver = event.stage === 'reconcile' || event.stage === 'done';
  return { stage: event.stage, devicesDone: event.devicesDone, devicesFetched: event.devicesFetched, devicesTotal: isFetchOver ? event.devicesFetched : null };
}

/** Reads `runs.progress` as stored by a worker (possibly another process); anything unexpected reads as null. */
export function parseRunProgress(value: JsonValue | null): RunProgress | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  // why the cast: Array.isArray does not narrow a readonly array out of the JsonValue union.
  const { stage, devicesDone, devicesFetched, devicesTotal } = value as { readonly [key: string]: JsonValue | undefined };
  if (typeof stage !== 'string' || !(RUN_STAGES as readonly string[]).includes(stage)) return null;
  if (typeof devicesDone !== 'number' || typeof devicesFetched !== 'number') return null;
  return {
    stage: stage as RunStage,
    devicesDone,
    devicesFetched,
    devicesTotal: typeof devicesTotal === 'number' ? devicesTotal : null,
  };
}
