import PgBoss from 'pg-boss';
import type { RunJob, RunJobHandler, RunQueue } from './run-queue.js';

export const RUN_QUEUE_NAME = 'connection_run';

export interface PgBossRunQueueOptions {
  readonly databaseUrl: string;
  /** Jobs this process works at once (default 2). */
  readonly concurrency?: number;
  /** How often an idle worker looks for a job (default 2 s; pg-boss's minimum is 0.5 s). */
  readonly pollingIntervalSeconds?: number;
  /** pg-boss's own schema (default `pgboss`). */
  readonly schema?: string;
  readonly onError?: (error: Error) => void;
}

/**
 * The scale-out queue (PostgreSQL): every `serve` process shares the runs through pg-boss. The queue's `singleton`
 * policy with the connection id as singletonKey lets one job per connection be active across all processes. A job
 * is never retried by pg-boss: its run row already says `failed`, and the next run converges.
 * pg-boss fetches the oldest job first, so a second job of a busy connection at the head would hold the others
 * back until the first ends; the RunManager's one-active-run-per-connection rule keeps that from happening.
 */
export class PgBossRunQueue implements RunQueue {
  readonly #boss: PgBoss;
  readonly #options: PgBossRunQueueOptions;
  readonly #workerIds: string[] = [];
  #ready: Promise<void> | null = null;
  #isStopped = false;

  constructor(options: PgBossRunQueueOptions) {
    this.#options = options;
    this.#boss = new PgBoss({
      connectionString: options.databaseUrl,
      schema: options.schema ?? 'pgboss',
      max: (options.concurrency ?? 2) + 2,
      application_name: 'intune-assets-queue',
    });
    // pg-boss emits maintenance and polling failures as events; without a listener Node would throw them.
    this.#boss.on('error', (error: Error) => options.onError?.(error));
  }

  async enqueue(job: RunJob): Promise<void> {
    await this.#ensureReady();
    await this.#boss.send(RUN_QUEUE_NAME, { runId: job.runId, connectionId: job.connectionId }, {
      singletonKey: job.connectionId,
      retryLimit: 0,
      expireInHours: 6,
    });
  }

  async start(handler: RunJobHandler): Promise<void> {
    await this.#ensureReady();
    const concurrency = this.#options.concurrency ?? 2;
    for (let i = 0; i < concurrency; i += 1) {
      const id = await this.#boss.work<unknown>(
        RUN_QUEUE_NAME,
        { batchSize: 1, pollingIntervalSeconds: this.#options.pollingIntervalSeconds ?? 2 },
        async (jobs) => {
          for (const job of jobs) await handler(toRunJob(job.data));
        },
      );
      this.#workerIds.push(id);
    }
  }

  async stop(options: { timeoutMs?: number } = {}): Promise<void> {
    if (this.#ready === null || this.#isStopped) return;
    this.#isStopped = true;
    await this.#ready.catch(() => undefined);
    await this.#boss.stop({ graceful: true, wait: true, close: true, timeout: options.timeoutMs ?? 10_000 });
  }

  #ensureReady(): Promise<void> {
    // createQueue must precede send and work (pg-boss 10); both are idempotent across processes.
    this.#ready ??= (async () => {
      await this.#boss.start();
      await this.#boss.createQueue(RUN_QUEUE_NAME, { name: RUN_QUEUE_NAME, policy: 'singleton', retryLimit: 0 });
    })();
    return this.#ready;
  }
}

function toRunJob(data: unknown): RunJob {
  if (typeof data === 'object' && data !== null && 'runId' in data && 'connectionId' in data) {
    const { runId, connectionId } = data;
    if (typeof runId === 'string' && typeof connectionId === 'string') return { runId, connectionId };
  }
  throw new Error(`a ${RUN_QUEUE_NAME} job must carry { runId, connectionId } strings, got ${JSON.stringify(data)}`);
}
