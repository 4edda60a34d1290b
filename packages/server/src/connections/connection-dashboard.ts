import type { ConnectionLastRun, ConnectionListItem } from '@intune-assets/contracts';
import type { Connection } from '../domain/connection.js';
import type { Run } from '../domain/run.js';
import type { Store } from '../store/connect.js';
import { readHistory } from './connection-history.js';
import { settingsOf } from './connection-view.js';

/** When a connection's next scheduled run is (the scheduler's answer); null when it has none. */
export type ScheduleInfo = (connectionId: string) => string | null | Promise<string | null>;

const RECENT_RUNS = 20;

/**
 * The dashboard's rows: each connection with its last (non-preview) run, its next scheduled run, and what needs
 * an analyst's attention (last run failed or partial, never tested or test failing, inactive).
 */
export async function listConnectionItems(deps: { readonly store: Store; readonly scheduleInfo?: ScheduleInfo }): Promise<ConnectionListItem[]> {
  const { store } = deps;
  const connections = await store.repos.connections.list();
  return Promise.all(
    connections.map(async (connection) => {
      const settings = settingsOf(connection);
      const runs = await store.repos.runs.list({ connectionId: connection.id, limit: RECENT_RUNS });
      const last = runs.items.find((r) => !r.isDryRun) ?? null;
      const history = await readHistory(store, connection.id);
      const lastRun = last === null ? null : toLastRun(last);
      return {
        id: connection.id,
        name: connection.name,
        isActive: connection.isActive,
        description: settings.description,
        tenantId: settings.tenantId,
        syncMode: settings.syncMode,
        department: settings.department,
        schedule: settings.schedule,
        nextRunAt: connection.isActive && deps.scheduleInfo ? await deps.scheduleInfo(connection.id) : null,
        lastRun,
        attention: attentionOf(connection, lastRun, history.lastTest),
      };
    }),
  );
}

function attentionOf(connection: Connection, lastRun: ConnectionLastRun | null, lastTest: { ok: boolean; message: string } | null): string[] {
  const notes: string[] = [];
  if (!connection.isActive) notes.push('Inactive: scheduled runs are off.');
  if (lastRun?.status === 'failed') notes.push(`Last run failed${lastRun.error === null ? '' : `: ${lastRun.error}`}`);
  if (lastRun?.status === 'partial') {
    const failed = typeof lastRun.counts?.['failed'] === 'number' ? lastRun.counts['failed'] : null;
    notes.push(`Last run was partial${failed === null ? '' : `: ${failed} device${failed === 1 ? '' : 's'} failed`}.`);
  }
  if (lastTest === null && connection.availableFields === null) notes.push('Never tested: use Test connection.');
  else if (lastTest !== null && !lastTest.ok) notes.push(`Connection test failing: ${lastTest.message}`);
  return notes;
}

function toLastRun(run: Run): ConnectionLastRun {
  const report = run.report !== null && typeof run.report === 'object' && !Array.isArray(run.report) ? (run.report as Readonly<Record<string, unknown>>) : null;
  const counts = report !== null && isRecord(report['counts']) ? report['counts'] : null;
  const reported = report !== null && typeof report['durationMs'] === 'number' ? report['durationMs'] : null;
  const measured = run.startedAt !== null && run.finishedAt !== null ? Date.parse(run.finishedAt) - Date.parse(run.startedAt) : null;
  return {
    id: run.id,
    status: run.status,
    dryRun: run.isDryRun,
    queuedAt: run.queuedAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationMs: reported ?? measured,
    counts,
    error: run.error,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
