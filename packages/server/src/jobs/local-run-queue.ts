import type { RunJob, RunJobHandler, RunQueue } from './run-queue.js';

/**
 * The embedded queue (SQLite, one process): a FIFO in memory. Jobs queued here are lost with the process; restart
 * recovery marks their runs failed, and the next scheduled or manual run converges.
 */
export class LocalRunQueue implements RunQueue {
  readonly #concurrency: number;
  readonly #pending: RunJob[] = [];
  readonly #busyConnections = new Set<string>();
  readonly #inFlight = new Set<Promise<void>>();
  #handler: RunJobHandler | null = null;
  #isStopped = false;

  constructor(options: { concurrency?: number } = {}) {
    this.#concurrency = options.concurrency ?? 2;
    if (!Number.isInteger(this.#concurrency) || this.#concurrency < 1) throw new Error(`concurrency must be a whole number ≥ 1, got ${this.#concurrency}`);
  }

  enqueue(job: RunJob): Promise<void> {
    if (this.#isStopped) throw new Error('the run queue is stopped');
    this.#pending.push(job);
    this.#pump();
    return Promise.resolve();
  }

  start(handler: RunJobHandler): Promise<void> {
    this.#handler = handler;
    this.#pump();
    return Promise.resolve();
  }

  async stop(options: { timeoutMs?: number } = {}): Promise<void> {
    this.#isStopped = true;
    this.#handler = null;
    const timeoutMs = options.timeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.#inFlight]), timeout]);
    clearTimeout(timer);
  }

  /** Jobs waiting for a worker (not started). */
  get pendingCount(): number {
    return this.#pending.length;
  }

  #pump(): void {
    const handler = this.#handler;
    if (handler === null) return;
    while (this.#inFlight.size < this.#concurrency) {
      const index = this.#pending.findIndex((job) => !this.#busyConnections.has(job.connectionId));
      if (index < 0) return;
      const [job] = this.#pending.splice(index, 1);
      if (job === undefined) return;
      this.#busyConnections.add(job.connectionId);
      const running = handler(job)
        .catch(() => undefined)
        .finally(() => {
          this.#busyConnections.delete(job.connectionId);
          this.#inFlight.delete(running);
          this.#pump();
        });
      this.#inFlight.add(running);
    }
  }
}
