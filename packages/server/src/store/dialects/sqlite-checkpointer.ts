import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);

// Plain CommonJS for an eval worker: it needs no TypeScript loader, and better-sqlite3 is required by path.
// A pass is `wal_checkpoint(PASSIVE)`: it copies what it can without waiting for anyone, then reports the WAL's
// frame count and how many of them are in the database file. Passes follow each other quickly while the WAL is
// behind, slowly when it is not; the writer asks for one at once when it waits on the limit.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 0');
let timer = null;
let stopped = false;
let request = 0;
function pass() {
  timer = null;
  if (stopped) return;
  let report = { log: -1, checkpointed: -1, request };
  try {
    const row = db.pragma('wal_checkpoint(PASSIVE)')[0];
    if (row && row.busy === 0) report = { log: row.log, checkpointed: row.checkpointed, request };
  } catch (error) {
    // Busy: the next pass tries again. Anything else ends the worker, and the writer checkpoints for itself.
    if (error.code !== 'SQLITE_BUSY' && error.code !== 'SQLITE_LOCKED') throw error;
  }
  parentPort.postMessage(report);
  const isBehind = report.log < 0 || report.checkpointed < report.log;
  timer = setTimeout(pass, isBehind ? workerData.busyIntervalMs : workerData.idleIntervalMs);
}
parentPort.on('message', (message) => {
  if (typeof message === 'number') {
    request = message;
    if (timer !== null) clearTimeout(timer);
    pass();
    return;
  }
  stopped = true;
  if (timer !== null) clearTimeout(timer);
  db.close();
  parentPort.close();
});
timer = setTimeout(pass, workerData.idleIntervalMs);
`;

export interface BackgroundCheckpoints {
  /**
   * Resolves when the writer may append to the WAL: at once, unless the WAL has passed its limit; then after a
   * pass that copied all of it (the next commit starts the WAL over from the beginning) or after `maxWaitMs`.
   */
  beforeWrite(): Promise<void>;
  stop(): Promise<void>;
}

export interface BackgroundCheckpointOptions {
  /** WAL frames past which the writer waits for the worker to catch up (default 131,072: 512 MiB of 4 KiB pages). */
  readonly limitFrames?: number;
  /** Between passes while the WAL is behind (default 20 ms) and while it is not (default 250 ms). */
  readonly busyIntervalMs?: number;
  readonly idleIntervalMs?: number;
  /** Longest wait in `beforeWrite` (default 5 s): a reader holding an old snapshot can keep a pass from catching up. */
  readonly maxWaitMs?: number;
  /** Called once if the worker stops (it cannot open or checkpoint the file): the writer must checkpoint again. */
  readonly onFailure?: (error: Error) => void;
}

interface PassReport {
  readonly log: number;
  readonly checkpointed: number;
  /** The last request the worker had received when the pass began: a pass the writer asked for reports it. */
  readonly request: number;
}

/**
 * Copies the WAL into the database file from a worker thread, so the connection that commits never runs a
 * checkpoint itself (its `wal_autocheckpoint` is 0 while this runs). A checkpoint fsyncs the WAL and the database
 * file: inside a commit (every 64 MB of WAL during a first sync) that stalled a 100,000-device sync for about 5 s
 * in all, and every API request `serve` answered from the same process for 300–800 ms each time.
 *
 * The WAL starts over from its beginning only when a commit finds it entirely copied. A writer that commits
 * without pause never gives the worker that moment, so past `limitFrames` the writer waits for one pass to catch
 * up; below it the WAL is left to grow (`journal_size_limit` truncates it again after the restart).
 */
export function startBackgroundCheckpoints(path: string, options: BackgroundCheckpointOptions = {}): BackgroundCheckpoints {
  const limitFrames = options.limitFrames ?? 131_072;
  const maxWaitMs = options.maxWaitMs ?? 5000;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      module: require.resolve('better-sqlite3'),
      path,
      busyIntervalMs: options.busyIntervalMs ?? 20,
      idleIntervalMs: options.idleIntervalMs ?? 250,
    },
  });
  worker.unref();
  let latest: PassReport = { log: 0, checkpointed: 0, request: 0 };
  let requests = 0;
  let failed = false;
  let stopping = false;
  const waiters = new Map<number, () => void>();
  const wakeAll = (): void => {
    for (const wake of waiters.values()) wake();
    waiters.clear();
  };
  worker.on('message', (report: PassReport) => {
    latest = report;
    if (report.log < 0 || report.checkpointed < report.log) return;
    for (const [request, wake] of waiters) {
      if (report.request < request) continue;
      waiters.delete(request);
      wake();
    }
  });
  const fail = (error: unknown): void => {
    if (failed || stopping) return;
    failed = true;
    wakeAll();
    // A worker's uncaught error arrives as a structured clone: an SqliteError keeps only its code.
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : null;
    const reason = error instanceof Error && error.message !== '' ? error.message : (code ?? String(error));
    options.onFailure?.(new Error(`the WAL checkpoint worker stopped: ${reason}`, { cause: error }));
  };
  worker.on('error', fail);
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      fail(new Error(`it exited with code ${String(code)}`));
      resolve();
    }),
  );
  return {
    async beforeWrite() {
      // A report older than the writer's last commit may say "caught up" of a WAL that has grown since, so past the
      // limit only a pass that began after this request counts.
      if (failed || stopping || latest.log < limitFrames) return;
      requests += 1;
      const request = requests;
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        waiters.set(request, resolve);
        timer = setTimeout(() => {
          waiters.delete(request);
          resolve();
        }, maxWaitMs);
        worker.postMessage(request);
      });
      clearTimeout(timer);
      // The commit that follows starts the WAL over; the next report says how far it has grown again.
      latest = { log: 0, checkpointed: 0, request };
    },
    async stop() {
      stopping = true;
      // Referenced again while stopping: otherwise a process with nothing else left would exit mid-await.
      worker.ref();
      worker.postMessage('stop');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}
