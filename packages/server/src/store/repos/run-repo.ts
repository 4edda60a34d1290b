import { newId } from './new-id.js';
import type { Selectable } from 'kysely';
import type { JsonValue } from '../../domain/json.js';
import { RUN_DEVICE_OUTCOMES, RUN_STATUSES, RUN_TRIGGERS, runStatusesLeadingTo } from '../../domain/run.js';
import type { FinishedRunStatus, Run, RunDevice, RunDeviceOutcome, RunStatus, RunTrigger } from '../../domain/run.js';
import type { RunTable } from '../database.js';
import { asMember, chunkRows, decodeCursor, encodeCursor, fromBool, nowIso, parseJson, stringifyJson, toBool, toInt } from './codec.js';
import type { RepoContext } from './codec.js';

export interface RunPage {
  readonly items: Run[];
  readonly nextCursor: string | null;
}

export interface RunDevicePage {
  readonly items: RunDevice[];
  /** Pass back as `after` for the next page. */
  readonly nextAfter: number | null;
}

export function toRun(row: Selectable<RunTable>): Run {
  return {
    id: row.id,
    connectionId: row.connection_id,
    status: asMember(row.status, RUN_STATUSES, 'runs.status'),
    isDryRun: toBool(row.is_dry_run),
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    heartbeatAt: row.heartbeat_at,
    report: parseJson(row.report, 'runs.report'),
    error: row.error,
    progress: parseJson(row.progress, 'runs.progress'),
    trigger: asMember(row.trigger, RUN_TRIGGERS, 'runs.trigger'),
    requestedBy: row.requested_by,
  };
}

/** Runs move only along RUN_TRANSITIONS; a transition from any other status is refused (returns undefined). */
export class RunRepo {
  constructor(private readonly ctx: RepoContext) {}

  async create(input: { connectionId: string; isDryRun?: boolean; id?: string; trigger?: RunTrigger; requestedBy?: string | null }): Promise<Run> {
    const row: Selectable<RunTable> = {
      id: input.id ?? newId(),
      connection_id: input.connectionId,
      status: 'queued',
      is_dry_run: fromBool(input.isDryRun ?? false),
      queued_at: nowIso(this.ctx),
      started_at: null,
      finished_at: null,
      heartbeat_at: null,
      report: null,
      error: null,
      progress: null,
      trigger: input.trigger ?? 'cli',
      requested_by: input.requestedBy ?? null,
    };
    await this.ctx.db.insertInto('runs').values({ ...row, report: null, progress: null }).execute();
    return toRun(row);
  }

  async get(id: string): Promise<Run | undefined> {
    const row = await this.ctx.db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRun(row) : undefined;
  }

  start(id: string): Promise<Run | undefined> {
    const now = nowIso(this.ctx);
    return this.transition(id, 'running', { started_at: now, heartbeat_at: now });
  }

  /** Liveness and progress of a running run; false when the run is no longer running. */
  async heartbeat(id: string, progress?: JsonValue): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable('runs')
      .set({ heartbeat_at: nowIso(this.ctx), ...(progress !== undefined && { progress: stringifyJson(progress) }) })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** The last progress of a run, whatever its status (the final event lands after the run has finished). */
  async setProgress(id: string, progress: JsonValue): Promise<void> {
    await this.ctx.db.updateTable('runs').set({ progress: stringifyJson(progress) }).where('id', '=', id).execute();
  }

  finish(id: string, outcome: { status: FinishedRunStatus; report?: JsonValue; error?: string | null; progress?: JsonValue }): Promise<Run | undefined> {
    return this.transition(id, outcome.status, {
      finished_at: nowIso(this.ctx),
      ...(outcome.progress !== undefined && { progress: stringifyJson(outcome.progress) }),
      ...(outcome.report !== undefined && { report: stringifyJson(outcome.report) }),
      ...(outcome.error !== undefined && { error: outcome.error }),
    });
  }

  /** Newest first, optionally for one connection and/or in some statuses. */
  async list(filter: { connectionId?: string; statuses?: readonly RunStatus[]; after?: string; limit?: number } = {}): Promise<RunPage> {
    const limit = filter.limit ?? 50;
    let query = this.ctx.db.selectFrom('runs').selectAll().orderBy('queued_at', 'desc').orderBy('id', 'desc').limit(limit + 1);
    if (filter.connectionId !== undefined) query = query.where('connection_id', '=', filter.connectionId);
    if (filter.statuses !== undefined) query = query.where('status', 'in', filter.statuses.length > 0 ? [...filter.statuses] : ['']);
    if (filter.after !== undefined) {
      const { sortValue, id } = decodeCursor(filter.after);
      const queuedAt = sortValue ?? '';
      query = query.where((eb) => eb.or([eb('queued_at', '<', queuedAt), eb.and([eb('queued_at', '=', queuedAt), eb('id', '<', id)])]));
    }
    const rows = await query.execute();
    const items = rows.slice(0, limit).map(toRun);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.queuedAt, last.id) : null };
  }

  /** The connection's most recent run (any status), for "last run" and the Sync-now debounce. */
  async latest(connectionId: string, filter: { statuses?: readonly RunStatus[] } = {}): Promise<Run | undefined> {
    const page = await this.list({ connectionId, limit: 1, ...(filter.statuses !== undefined && { statuses: filter.statuses }) });
    return page.items[0];
  }

  /** The connection's queued or running run, if any (one at a time per connection). */
  async active(connectionId: string): Promise<Run | undefined> {
    const row = await this.ctx.db
      .selectFrom('runs')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('status', 'in', ['queued', 'running'])
      .orderBy('queued_at', 'desc')
      .executeTakeFirst();
    return row ? toRun(row) : undefined;
  }

  /**
   * Runs whose process is gone: running ones without a heartbeat since `heartbeatBefore`, and queued ones queued
   * at or before `queuedBefore` when given (only the embedded queue loses its queued runs with the process).
   */
  async listStale(input: { heartbeatBefore: string; queuedBefore?: string }): Promise<Run[]> {
    const { heartbeatBefore, queuedBefore } = input;
    const rows = await this.ctx.db
      .selectFrom('runs')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'running'), eb(eb.fn.coalesce('heartbeat_at', 'started_at', 'queued_at'), '<', heartbeatBefore)]),
          ...(queuedBefore === undefined ? [] : [eb.and([eb('status', '=', 'queued'), eb('queued_at', '<=', queuedBefore)])]),
        ]),
      )
      .execute();
    return rows.map(toRun);
  }

  async insertDevices(runId: string, devices: readonly Omit<RunDevice, 'runId'>[]): Promise<void> {
    const rows = devices.map((d) => ({
      run_id: runId,
      intune_device_id: d.intuneDeviceId,
      outcome: d.outcome,
      reason: d.reason,
      asset_id: d.assetId,
    }));
    for (const chunk of chunkRows(rows, 5, this.ctx.maxBindParameters)) {
      await this.ctx.db.insertInto('run_devices').values(chunk).execute();
    }
  }

  async listDevices(runId: string, page: { outcome?: RunDeviceOutcome; after?: number; limit?: number } = {}): Promise<RunDevicePage> {
    const limit = page.limit ?? 500;
    let query = this.ctx.db.selectFrom('run_devices').selectAll().where('run_id', '=', runId).orderBy('id').limit(limit + 1);
    if (page.outcome !== undefined) query = query.where('outcome', '=', page.outcome);
    if (page.after !== undefined) query = query.where('id', '>', page.after);
    const rows = await query.execute();
    const kept = rows.slice(0, limit);
    const items = kept.map((r) => ({
      runId: r.run_id,
      intuneDeviceId: r.intune_device_id,
      outcome: asMember(r.outcome, RUN_DEVICE_OUTCOMES, 'run_devices.outcome'),
      reason: r.reason,
      assetId: r.asset_id,
    }));
    const last = kept.at(-1);
    return { items, nextAfter: rows.length > limit && last ? toInt(last.id) : null };
  }

  /** Counts per outcome, for the run report. */
  async countDevices(runId: string): Promise<Partial<Record<RunDeviceOutcome, number>>> {
    const rows = await this.ctx.db
      .selectFrom('run_devices')
      .select((eb) => ['outcome', eb.fn.countAll().as('n')])
      .where('run_id', '=', runId)
      .groupBy('outcome')
      .execute();
    return Object.fromEntries(rows.map((r) => [asMember(r.outcome, RUN_DEVICE_OUTCOMES, 'run_devices.outcome'), Number(r.n)]));
  }

  private async transition(
    id: string,
    to: RunStatus,
    set: Partial<Pick<RunTable, 'started_at' | 'finished_at' | 'heartbeat_at' | 'error'>> & { report?: string; progress?: string },
  ): Promise<Run | undefined> {
    const row = await this.ctx.db
      .updateTable('runs')
      .set({ ...set, status: to })
      .where('id', '=', id)
      .where('status', 'in', runStatusesLeadingTo(to))
      .returningAll()
      .executeTakeFirst();
    return row ? toRun(row) : undefined;
  }
}
