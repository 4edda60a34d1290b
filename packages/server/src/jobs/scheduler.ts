import { Cron } from 'croner';
import type { Connection } from '../domain/connection.js';
import { settingsOf } from '../connections/connection-view.js';
import { AppError, isAppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import type { Store } from '../store/connect.js';
import type { RunManager } from './run-manager.js';

export interface ScheduleInfo {
  readonly cron: string;
  readonly timezone: string;
  /** Null when the connection is inactive (it is not scheduled). */
  readonly nextRunAt: string | null;
  readonly nextRuns: string[];
  /** When Sync now is allowed again; null when it is allowed now. */
  readonly syncNowAvailableAt: string | null;
}

export interface SchedulerDeps {
  readonly store: Store;
  readonly manager: Pick<RunManager, 'requestRun' | 'syncNowAvailableAt'>;
  readonly logger: Logger;
  /** Time zone of a schedule whose connection names none (IANA name); default: the server's. */
  readonly timezone?: string;
  /** Only connections enabled for this instance are scheduled (the sync refuses the others anyway). */
  readonly instance?: 'production' | 'uat';
  /** Re-read connections this often, to follow edits made through another process (default 60 s). */
  readonly refreshIntervalMs?: number;
}

/**
 * One croner job per active connection (SPEC §6). A due run goes through the RunManager like Sync now, without
 * the debounce; when a run is already queued or running, the due run is skipped with a log line. Each cron runs in
 * its connection's `scheduleTimezone`, or the scheduler's zone when it names none.
 */
export class Scheduler {
  readonly #deps: SchedulerDeps;
  readonly #jobs = new Map<string, { key: string; cron: Cron }>();
  #refreshTimer: NodeJS.Timeout | null = null;
  /** Only a started scheduler keeps crons: `refresh()` in a process that does not schedule (or has stopped) does nothing. */
  #isRunning = false;

  constructor(deps: SchedulerDeps) {
    this.#deps = deps;
  }

  get timezone(): string {
    return this.#deps.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  }

  async start(): Promise<void> {
    this.#isRunning = true;
    await this.refresh();
    this.#refreshTimer = setInterval(() => {
      this.refresh().catch((error: unknown) => this.#deps.logger.warn({ err: error }, 'schedule refresh failed'));
    }, this.#deps.refreshIntervalMs ?? 60_000);
    this.#refreshTimer.unref();
  }

  stop(): void {
    this.#isRunning = false;
    if (this.#refreshTimer !== null) clearInterval(this.#refreshTimer);
    this.#refreshTimer = null;
    for (const { cron } of this.#jobs.values()) cron.stop();
    this.#jobs.clear();
  }

  /** Re-reads the connections and (re)creates the cron of each active one; call after a connection changes. */
  async refresh(): Promise<void> {
    if (!this.#isRunning) return;
    const connections = await this.#deps.store.repos.connections.list({ isActive: true });
    if (!this.#isRunning) return;
    const wanted = new Map<string, { connection: Connection; cron: string; timezone: string }>();
    for (const connection of connections) {
      const schedule = this.#scheduleOf(connection);
      if (schedule !== null) wanted.set(connection.id, { connection, ...schedule });
    }
    for (const [id, job] of this.#jobs) {
      const want = wanted.get(id);
      if (want === undefined || jobKey(want) !== job.key) {
        job.cron.stop();
        this.#jobs.delete(id);
      }
    }
    for (const [id, { connection, cron, timezone }] of wanted) {
      if (this.#jobs.has(id)) continue;
      try {
        const job = new Cron(cron, { timezone, protect: true, unref: true, catch: (error) => this.#deps.logger.warn({ err: error, connection: connection.name }, 'scheduled run failed to start') }, () =>
          this.#fire(id),
        );
        this.#jobs.set(id, { key: jobKey({ cron, timezone }), cron: job });
      } catch (error) {
        this.#deps.logger.warn({ connection: connection.name, schedule: cron, err: error }, 'connection schedule is not a valid cron; not scheduled');
      }
    }
  }

  /** The next `n` fire times of a scheduled connection (empty when it is not scheduled in this process). */
  nextRuns(connectionId: string, n: number): Date[] {
    return this.#jobs.get(connectionId)?.cron.nextRuns(n) ?? [];
  }

  /** What the API shows for a connection's schedule; works whether or not this process runs the scheduler. */
  async scheduleInfo(connectionId: string): Promise<ScheduleInfo> {
    const connection = await this.#deps.store.repos.connections.get(connectionId);
    if (connection === undefined) throw new AppError('not_found', `Connection ${connectionId} does not exist.`);
    const settings = settingsOf(connection);
    const timezone = settings.scheduleTimezone ?? this.timezone;
    let nextRuns: string[] = [];
    if (connection.isActive) {
      try {
        nextRuns = previewSchedule(settings.schedule, timezone);
      } catch {
        nextRuns = [];
      }
    }
    const availableAt = await this.#deps.manager.syncNowAvailableAt(connection.id, settings.syncNowDebounceMinutes);
    return { cron: settings.schedule, timezone, nextRunAt: nextRuns[0] ?? null, nextRuns, syncNowAvailableAt: availableAt?.toISOString() ?? null };
  }

  #scheduleOf(connection: Connection): { cron: string; timezone: string } | null {
    try {
      const settings = settingsOf(connection);
      if (this.#deps.instance !== undefined && !settings.enabledForInstances.includes(this.#deps.instance)) return null;
      return { cron: settings.schedule, timezone: settings.scheduleTimezone ?? this.timezone };
    } catch (error) {
      this.#deps.logger.warn({ connection: connection.name, err: error }, 'connection settings unreadable; not scheduled');
      return null;
    }
  }

  async #fire(connectionId: string): Promise<void> {
    const { store, manager, logger } = this.#deps;
    const connection = await store.repos.connections.get(connectionId);
    if (connection === undefined || !connection.isActive) return;
    // Whole seconds: every process firing this cron derives the same run id from it, so only one run is created.
    const scheduledFor = new Date(Math.floor(Date.now() / 1000) * 1000);
    try {
      const run = await manager.requestRun(connection.name, { trigger: 'schedule', scheduledFor });
      logger.info({ connection: connection.name, runId: run.id }, 'scheduled run queued');
    } catch (error) {
      if (isAppError(error) && (error.code === 'run_already_active' || error.code === 'connection_inactive')) {
        logger.info({ connection: connection.name, reason: error.message }, 'scheduled run skipped');
        return;
      }
      throw error;
    }
  }
}

/**
 * The next `count` fire times of a cron text, or AppError `input_invalid` naming `cron` (or `timezone`).
 *
 * @example
 * previewSchedule('0 2 * * *', 'Europe/Paris') // → ['2026-11-23T01:00:00.000Z', …]
 */
export function previewSchedule(cron: string, timezone?: string, count = 5): string[] {
  if (timezone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: timezone });
    } catch {
      throw invalid('timezone', `"${timezone}" is not an IANA time zone (e.g. Europe/Paris, UTC)`);
    }
  }
  let job: Cron;
  try {
    job = new Cron(cron, { paused: true, ...(timezone !== undefined && { timezone }) });
  } catch (error) {
    throw invalid('cron', `not a valid cron expression: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const runs = job.nextRuns(count).map((d) => d.toISOString());
    if (runs.length === 0) throw invalid('cron', 'the expression never fires');
    return runs;
  } finally {
    job.stop();
  }
}

function jobKey(schedule: { cron: string; timezone: string }): string {
  return `${schedule.timezone} ${schedule.cron}`;
}

function invalid(path: string, message: string): AppError {
  return new AppError('input_invalid', `${path}: ${message}`, { details: { issues: [{ path, message }] } });
}
