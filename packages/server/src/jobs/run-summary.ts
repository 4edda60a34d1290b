import type { RunSummary } from '@intune-assets/contracts';
import type { JsonValue } from '../domain/json.js';
import type { Run } from '../domain/run.js';
import { parseRunProgress } from './run-progress.js';

/** A run as the API lists it; `connectionName` is looked up by the caller (runs store the connection id). */
export function toRunSummary(run: Run, connectionName: string): RunSummary {
  const report = asObject(run.report);
  const counts = asObject(report?.['counts'] ?? null);
  const reportDuration = report?.['durationMs'];
  const durationMs =
    run.startedAt !== null && run.finishedAt !== null
      ? Date.parse(run.finishedAt) - Date.parse(run.startedAt)
      : typeof reportDuration === 'number'
        ? reportDuration
        : null;
  return {
    id: run.id,
    connection: connectionName,
    connectionId: run.connectionId,
    status: run.status,
    dryRun: run.isDryRun,
    trigger: run.trigger,
    queuedAt: run.queuedAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationMs,
    counts,
    progress: run.status === 'queued' ? { stage: 'queued', devicesDone: 0, devicesFetched: 0, devicesTotal: null } : parseRunProgress(run.progress),
    error: run.error,
  };
}

export function asObject(value: JsonValue | undefined | null): { readonly [key: string]: JsonValue } | null {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) return null;
  // why the cast: Array.isArray does not narrow a readonly array out of the JsonValue union.
  return value as { readonly [key: string]: JsonValue };
}
