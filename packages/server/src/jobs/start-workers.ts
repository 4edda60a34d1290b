import { AppError } from '../errors/app-error.js';
import type { App } from '../main.js';
import { LocalRunQueue } from './local-run-queue.js';
import { PgBossRunQueue } from './pg-boss-run-queue.js';
import { RunHistory } from './run-history.js';
import { RunManager } from './run-manager.js';
import type { RunQueue } from './run-queue.js';
import { recoverInterruptedRuns } from './run-recovery.js';
import { Scheduler } from './scheduler.js';

/** What the run services take from the composition root (`createApp`). */
export type RunApp = Pick<App, 'config' | 'logger' | 'store' | 'connections' | 'sync'>;

/** The run services of one process: what the routes need (manager, history, scheduler) and the queue they share. */
export interface RunServices {
  readonly manager: RunManager;
  readonly history: RunHistory;
  readonly scheduler: Scheduler;
  readonly queue: RunQueue;
  /** True for pg-boss (PostgreSQL): queued runs outlive the process and other processes may work them. */
  readonly isQueueDurable: boolean;
}

export interface RunServiceOptions {
  /** Runs this process executes at once (default 2). */
  readonly concurrency?: number;
  /** Time zone of every schedule (default: the server's). */
  readonly timezone?: string;
  /** The run lease TTL; a running run without a heartbeat for this long is interrupted (default 2 min, as SyncService). */
  readonly leaseTtlMs?: number;
}

/** Builds the run services on the app's store: the embedded queue on SQLite, pg-boss on PostgreSQL (SPEC §6). */
export function createRunServices(app: RunApp, options: RunServiceOptions = {}): RunServices {
  const concurrency = options.concurrency ?? 2;
  const isQueueDurable = app.store.dialect === 'postgres';
  const queue: RunQueue = isQueueDurable
    ? new PgBossRunQueue({ databaseUrl: app.config.db.url, concurrency, onError: (error) => app.logger.warn({ err: error }, 'run queue (pg-boss) error') })
    : new LocalRunQueue({ concurrency });
  const manager = new RunManager({ store: app.store, connections: app.connections, sync: app.sync, queue, logger: app.logger, instance: app.config.instance });
  const scheduler = new Scheduler({
    store: app.store,
    manager,
    logger: app.logger,
    instance: app.config.instance,
    ...(options.timezone !== undefined && { timezone: options.timezone }),
  });
  return { manager, history: new RunHistory(app.store), scheduler, queue, isQueueDurable };
}

export interface RunningWorkers {
  /** Stops the scheduler, stops taking runs, lets running ones finish for up to `graceMs` (10 s), then aborts them. */
  stop(options?: { graceMs?: number }): Promise<void>;
}

/**
 * Starts what `serve` runs besides the API: restart recovery, the workers that execute queued runs (`--no-workers`
 * turns them off) and the cron scheduler. On SQLite the queue is in this process, so an API without workers
 * would queue runs nobody executes; that is refused.
 */
export async function startWorkers(
  app: RunApp,
  services: RunServices,
  options: { workers: boolean; scheduler: boolean; leaseTtlMs?: number },
): Promise<RunningWorkers> {
  if (!services.isQueueDurable && !options.workers) {
    throw new AppError('config_invalid', 'with SQLite (the embedded queue) runs execute in the serving process: --no-workers needs DATABASE_URL=postgres://… and a `serve --workers-only` process');
  }
  const leaseTtlMs = options.leaseTtlMs ?? 120_000;
  const recover = async (): Promise<void> => {
    const failed = await recoverInterruptedRuns(app.store, { leaseTtlMs, isQueueDurable: services.isQueueDurable });
    for (const run of failed) app.logger.warn({ runId: run.id, connectionId: run.connectionId }, 'run interrupted by a stopped process marked failed');
  };
  await recover();
  // Another worker process may die while this one lives: look for its orphaned runs once per lease.
  const recoveryTimer = services.isQueueDurable
    ? setInterval(() => void recover().catch((error: unknown) => app.logger.warn({ err: error }, 'run recovery failed')), leaseTtlMs)
    : null;
  recoveryTimer?.unref();
  if (options.workers) await services.manager.startWorking();
  if (options.scheduler) await services.scheduler.start();
  let stopping: Promise<void> | null = null;
  return {
    stop(stopOptions = {}) {
      stopping ??= (async () => {
        if (recoveryTimer !== null) clearInterval(recoveryTimer);
        services.scheduler.stop();
        await services.manager.stop({ graceMs: stopOptions.graceMs ?? 10_000 });
      })();
      return stopping;
    },
  };
}
