/** One queued run; the run row (status `queued`) exists before the job does. */
export interface RunJob {
  readonly runId: string;
  readonly connectionId: string;
}

export type RunJobHandler = (job: RunJob) => Promise<void>;

/**
 * Where queued runs wait for a worker. Implementations run at most one job per connection at a time and at most
 * `concurrency` jobs per process; the DB lease (runs/run-lock.ts) still guards the run itself.
 *
 * @example
 * const queue = new LocalRunQueue({ concurrency: 2 });
 * await queue.start((job) => manager.execute(job));
 * await queue.enqueue({ runId, connectionId });
 */
export interface RunQueue {
  /** Also accepted before `start` (and by a process that never starts: the API of `serve --no-workers`). */
  enqueue(job: RunJob): Promise<void>;
  /** Begin taking jobs with `handler`; a handler's rejection is the handler's to log, the queue moves on. */
  start(handler: RunJobHandler): Promise<void>;
  /** Stop taking jobs and wait up to `timeoutMs` for the ones in hand. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}
