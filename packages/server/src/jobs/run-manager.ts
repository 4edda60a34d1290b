import { createHash } from 'node:crypto';
import type { ConnectionService } from '../connections/connection-service.js';
import { settingsOf } from '../connections/connection-view.js';
import type { JsonValue } from '../domain/json.js';
import type { Run, RunTrigger } from '../domain/run.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import type { SyncRequest } from '../runs/sync-service.js';
import type { Store } from '../store/connect.js';
import type { RunReport } from '../sync/run-report.js';
import { toRunProgress } from './run-progress.js';
import type { RunProgress } from './run-progress.js';
import type { RunJob, RunQueue } from './run-queue.js';

export type RunEvent = { readonly type: 'progress'; readonly progress: RunProgress } | { readonly type: 'finished'; readonly run: Run };
export type RunListener = (event: RunEvent) => void;

export interface RunRequest {
  readonly dryRun?: boolean;
  readonly trigger: RunTrigger;
  /** The account id behind a manual run. */
  readonly requestedBy?: string;
  /** For scheduled runs: the cron's fire time, so processes firing the same schedule create one run, not several. */
  readonly scheduledFor?: Date;
}

export interface RunManagerDeps {
  readonly store: Store;
  readonly connections: ConnectionService;
  readonly sync: { run(name: string, request?: SyncRequest): Promise<RunReport> };
  readonly queue: RunQueue;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** How often progress is written to `runs.progress` for other processes (default 1 s). */
  readonly progressWriteMs?: number;
  /** This process's register instance: a connection not enabled for it is refused before a run is created. */
  readonly instance?: 'production' | 'uat';
}

/**
 * Creates runs (queued at once, so the caller has a run id), refuses what SPEC §6 refuses (a second active run, Sync
 * now within the debounce window), executes queued runs for the queue, and tells subscribers in this process how
 * a run progresses. Progress also goes to the database so a page served by another process can follow.
 */
export class RunManager {
  readonly #deps: RunManagerDeps;
  readonly #listeners = new Map<string, Set<RunListener>>();
  readonly #executing = new Map<string, { controller: AbortController; done: Promise<void> }>();
  readonly #requestLocks = new Map<string, Promise<unknown>>();

  constructor(deps: RunManagerDeps) {
    this.#deps = deps;
  }

  /** Creates the connection's run as `queued` and hands it to the queue. */
  requestRun(connectionName: string, request: RunRequest): Promise<Run> {
    return this.#serialized(connectionName, () => this.#createRun(connectionName, request));
  }

  /**
   * When Sync now is next allowed for a connection (null: now): the debounce window after the last run that started
   * and was not a preview. A run refused before it started (inactive, invalid settings) does not count.
   */
  async syncNowAvailableAt(connectionId: string, debounceMinutes: number): Promise<Date | null> {
    if (debounceMinutes <= 0) return null;
    const last = await this.#lastStartedRealRun(connectionId);
    if (last === undefined || last.startedAt === null) return null;
    const availableAt = new Date(Date.parse(last.startedAt) + debounceMinutes * 60_000);
    return availableAt.getTime() > this.#now().getTime() ? availableAt : null;
  }

  /** Listens to one run's progress and end in this process; returns the unsubscribe function. */
  subscribe(runId: string, listener: RunListener): () => void {
    let listeners = this.#listeners.get(runId);
    if (listeners === undefined) {
      listeners = new Set();
      this.#listeners.set(runId, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.#listeners.get(runId) === listeners) this.#listeners.delete(runId);
    };
  }

  /** True while this process executes the run (its events reach `subscribe`). */
  isExecuting(runId: string): boolean {
    return this.#executing.has(runId);
  }

  /** Starts executing queued runs from the queue. */
  startWorking(): Promise<void> {
    return this.#deps.queue.start((job) => this.execute(job));
  }

  /**
   * Stops taking runs, lets the runs in hand finish for up to `graceMs`, then aborts them through their signal
   * (the sync marks them failed) and waits for them to wind down.
   */
  async stop(options: { graceMs?: number } = {}): Promise<void> {
    await this.#deps.queue.stop({ timeoutMs: options.graceMs ?? 10_000 });
    const left = [...this.#executing.values()];
    for (const entry of left) entry.controller.abort(new Error('the server is shutting down'));
    await Promise.allSettled(left.map((entry) => entry.done));
  }

  /** The queue's handler: one queued run, start to finish. Never throws; the outcome is on the run row. */
  async execute(job: RunJob): Promise<void> {
    const { store, logger } = this.#deps;
    const run = await store.repos.runs.get(job.runId);
    if (run === undefined || run.status !== 'queued') {
      logger.info({ runId: job.runId, status: run?.status ?? 'deleted' }, 'queued run is no longer queued; skipped');
      return;
    }
    const controller = new AbortController();
    let resolveDone = (): void => undefined;
    const done = new Promise<void>((resolve) => {
      resolveDone = resolve;
    });
    this.#executing.set(run.id, { controller, done });
    try {
      const connection = await store.repos.connections.get(run.connectionId);
      if (connection === undefined) {
        await store.repos.runs.finish(run.id, { status: 'failed', error: 'the connection was deleted before the run started' });
        return;
      }
      const writer = this.#progressWriter(run.id);
      try {
        await this.#deps.sync.run(connection.name, { runId: run.id, signal: controller.signal, onProgress: writer.onProgress });
      } finally {
        await writer.flush();
      }
    } catch (error) {
      logger.warn({ runId: run.id, connectionId: run.connectionId, err: error }, 'run failed');
    } finally {
      this.#executing.delete(run.id);
      resolveDone();
      const finished = await store.repos.runs.get(run.id).catch(() => undefined);
      if (finished !== undefined) this.#emit(run.id, { type: 'finished', run: finished });
      this.#listeners.delete(run.id);
    }
  }

  #progressWriter(runId: string): { onProgress: NonNullable<SyncRequest['onProgress']>; flush(): Promise<void> } {
    const { store, logger } = this.#deps;
    const intervalMs = this.#deps.progressWriteMs ?? 1000;
    let lastWriteAt = 0;
    let last: RunProgress | null = null;
    let isLastWritten = true;
    return {
      onProgress: (event) => {
        const progress = toRunProgress(event);
        last = progress;
        isLastWritten = false;
        this.#emit(runId, { type: 'progress', progress });
        const nowMs = Date.now();
        if (nowMs - lastWriteAt < intervalMs) return;
        lastWriteAt = nowMs;
        isLastWritten = true;
        // A missed write only delays what another process shows; the run itself must not wait for it.
        store.repos.runs.heartbeat(runId, progress as unknown as JsonValue).catch((error: unknown) => logger.warn({ runId, err: error }, 'progress write failed'));
      },
      // The final event ("done") may race the run's finish; it is written once more after the sync returns.
      flush: async () => {
        if (last === null) return;
        if (!isLastWritten || last.stage === 'done') await store.repos.runs.setProgress(runId, last as unknown as JsonValue).catch(() => undefined);
      },
    };
  }

  #emit(runId: string, event: RunEvent): void {
    for (const listener of this.#listeners.get(runId) ?? []) {
      try {
        listener(event);
      } catch (error) {
        this.#deps.logger.warn({ runId, err: error }, 'run listener failed');
      }
    }
  }

  async #createRun(connectionName: string, request: RunRequest): Promise<Run> {
    const { store, connections, queue } = this.#deps;
    const connection = await connections.get(connectionName);
    if (!connection.isActive) throw new AppError('connection_inactive', `Connection "${connectionName}" is not active; activate it to sync.`);
    const settings = settingsOf(connection);
    const { instance } = this.#deps;
    if (instance !== undefined && !settings.enabledForInstances.includes(instance)) {
      throw new AppError('connection_inactive', `Connection "${connectionName}" is not enabled for the ${instance} instance (enabledForInstances: ${settings.enabledForInstances.join(', ')}).`);
    }
    const active = await store.repos.runs.active(connection.id);
    if (active !== undefined) {
      throw new AppError('run_already_active', `A run of "${connectionName}" is already ${active.status}.`, { details: { runId: active.id } });
    }
    const dryRun = request.dryRun ?? false;
    if (request.trigger === 'manual' && !dryRun) {
      const availableAt = await this.syncNowAvailableAt(connection.id, settings.syncNowDebounceMinutes);
      if (availableAt !== null) {
        const retryAfterSeconds = Math.ceil((availableAt.getTime() - this.#now().getTime()) / 1000);
        throw new AppError('sync_debounced', `Sync now for "${connectionName}" is available again at ${availableAt.toISOString()} (in ${describeSeconds(retryAfterSeconds)}).`, {
          details: { availableAt: availableAt.toISOString(), retryAfterSeconds },
        });
      }
    }
    const id = request.scheduledFor === undefined ? undefined : scheduledRunId(connection.id, request.scheduledFor);
    if (id !== undefined && (await store.repos.runs.get(id)) !== undefined) {
      throw new AppError('run_already_active', `The run of "${connectionName}" scheduled for ${request.scheduledFor?.toISOString()} was created by another process.`, { details: { runId: id } });
    }
    let run: Run;
    try {
      run = await store.repos.runs.create({
        connectionId: connection.id,
        isDryRun: dryRun,
        trigger: request.trigger,
        requestedBy: request.requestedBy ?? null,
        ...(id !== undefined && { id }),
      });
    } catch (error) {
      // Another process inserted the same scheduled run between our check and our insert (primary key).
      if (id !== undefined && (await store.repos.runs.get(id)) !== undefined) {
        throw new AppError('run_already_active', `The scheduled run of "${connectionName}" was created by another process.`, { details: { runId: id }, cause: error });
      }
      throw error;
    }
    try {
      await queue.enqueue({ runId: run.id, connectionId: connection.id });
    } catch (error) {
      await store.repos.runs.finish(run.id, { status: 'failed', error: `the run could not be queued: ${error instanceof Error ? error.message : String(error)}` });
      throw error;
    }
    return run;
  }

  async #lastStartedRealRun(connectionId: string): Promise<Run | undefined> {
    for (let after: string | undefined; ; ) {
      const page = await this.#deps.store.repos.runs.list({ connectionId, limit: 20, ...(after !== undefined && { after }) });
      const real = page.items.find((run) => !run.isDryRun && run.startedAt !== null);
      if (real !== undefined || page.nextCursor === null) return real;
      after = page.nextCursor;
    }
  }

  // Check-then-create must not interleave for one connection in this process (two clicks at once → one run).
  async #serialized<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#requestLocks.get(key) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    const settled = next.catch(() => undefined);
    this.#requestLocks.set(key, settled);
    try {
      return await next;
    } finally {
      if (this.#requestLocks.get(key) === settled) this.#requestLocks.delete(key);
    }
  }

  #now(): Date {
    return (this.#deps.now ?? (() => new Date()))();
  }
}

/** A UUID derived from connection and fire time: two processes firing the same cron create the same run row once. */
export function scheduledRunId(connectionId: string, scheduledFor: Date): string {
  const hex = createHash('sha256').update(`${connectionId}|${scheduledFor.toISOString()}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function describeSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} min`;
}
