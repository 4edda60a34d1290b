import type { JsonValue } from '../domain/json.js';
import { RUN_STAGES } from '../domain/run.js';
import type { RunProgress, RunStage } from '../domain/run.js';

export { RUN_STAGES, toRunProgress } from '../domain/run.js';
export type { RunProgress, RunStage } from '../domain/run.js';

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
