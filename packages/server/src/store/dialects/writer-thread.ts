import { Worker } from 'node:worker_threads';

/** What the main thread posts: one write the worker runs in its own transaction, in the order posted. */
export interface WriterJob {
  readonly id: number;
  readonly op: string;
  readonly payload: unknown;
}

/** What the worker answers: the write's result, or why it failed (nothing of it was written). */
export type WriterReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly message: string; readonly code: string | null };

/**
 * A worker thread that owns a second connection to the SQLite file and runs the sync's writes on it, one after
 * the other in the order they were asked for, while the main thread goes on reading and mapping the next page.
 */
export interface WriterThread {
  /** Runs `op` in the worker after every write asked for before it; rejects when it failed or the worker stopped. */
  call<T>(op: string, payload: unknown): Promise<T>;
  /** False once the worker has stopped or failed: callers then write on their own connection. */
  readonly isRunning: boolean;
  /** Sets the worker connection's `wal_autocheckpoint` (the checkpoint worker hands checkpoints back when it fails). */
  setAutocheckpoint(pages: number): void;
  stop(): Promise<void>;
}

export interface WriterThreadOptions {
  /** Data the worker entry opens its connection with. */
  readonly workerData: unknown;
  /**
   * Awaited before each write is posted (the WAL may be waiting for a checkpoint to catch up). Otherwise every write
   * is posted at once: the main thread answers a reply only between its own synchronous stretches (tens of
   * milliseconds while it maps a page), so a worker fed one write per reply waited that long after each.
   */
  readonly beforeWrite?: (() => Promise<void>) | undefined;
}

interface Pending {
  readonly job: WriterJob;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Starts the worker at `entry` (an ES module; see `store/sync/register-writer.worker.mjs`). It answers each
 * `WriterJob` with a `WriterReply`; `autocheckpoint` (pages) and `stop` it takes without answering.
 */
export function startWriterThread(entry: URL, options: WriterThreadOptions): WriterThread {
  const worker = new Worker(entry, { workerData: options.workerData });
  worker.unref();
  const waiting: Pending[] = [];
  const posted = new Map<number, Pending>();
  let nextId = 0;
  let stopReason: string | null = null;
  let pumping = false;
  const idleWaiters: Array<() => void> = [];
  const whenIdle = (): void => {
    if (posted.size > 0 || waiting.length > 0) return;
    worker.unref();
    for (const wake of idleWaiters.splice(0)) wake();
  };

  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      while (stopReason === null && waiting.length > 0) {
        await options.beforeWrite?.();
        const next = waiting.shift();
        if (next === undefined || stopReason !== null) {
          if (next !== undefined) waiting.unshift(next);
          break;
        }
        posted.set(next.job.id, next);
        worker.ref();
        worker.postMessage(next.job);
      }
    } finally {
      pumping = false;
    }
  };
  const kick = (): void => {
    pump().catch((error: unknown) => fail(`waiting for a WAL checkpoint failed: ${error instanceof Error ? error.message : String(error)}`));
  };

  const fail = (reason: string): void => {
    if (stopReason === null) stopReason = reason;
    const error = new Error(`the register writer thread stopped (${stopReason}); the write was not confirmed`);
    for (const pending of [...posted.values(), ...waiting]) pending.reject(error);
    posted.clear();
    waiting.length = 0;
    whenIdle();
  };

  worker.on('message', (reply: WriterReply) => {
    const pending = posted.get(reply.id);
    if (pending === undefined) return;
    posted.delete(reply.id);
    whenIdle();
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(Object.assign(new Error(reply.message), reply.code === null ? {} : { code: reply.code }));
    kick();
  });
  // A worker's uncaught error arrives as a structured clone: an SqliteError keeps only its message and code.
  worker.on('error', (error: unknown) => fail(error instanceof Error && error.message !== '' ? error.message : String(error)));
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      fail(`it exited with code ${String(code)}`);
      resolve();
    }),
  );

  return {
    call<T>(op: string, payload: unknown): Promise<T> {
      if (stopReason !== null) return Promise.reject(new Error(`the register writer thread stopped (${stopReason})`));
      nextId += 1;
      const job: WriterJob = { id: nextId, op, payload };
      const done = new Promise<T>((resolve, reject) => waiting.push({ job, resolve: resolve as (value: unknown) => void, reject }));
      kick();
      return done;
    },
    get isRunning() {
      return stopReason === null;
    },
    setAutocheckpoint(pages) {
      if (stopReason === null) worker.postMessage({ id: 0, op: 'autocheckpoint', payload: pages });
    },
    async stop() {
      // Writes already asked for are finished first: whoever closes the store has awaited its runs.
      if (stopReason === null && (posted.size > 0 || waiting.length > 0)) await new Promise<void>((resolve) => idleWaiters.push(resolve));
      fail('the store was closed');
      worker.postMessage({ id: 0, op: 'stop', payload: null });
      worker.ref();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}
