import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);

// Plain CommonJS for an eval worker: it needs no TypeScript loader, and better-sqlite3 is required by path.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { /* busy: the next tick tries again */ }
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

export interface BackgroundCheckpoints {
  stop(): Promise<void>;
}

/**
 * Copies the WAL into the database file from a worker thread, so the connection that commits never runs a
 * checkpoint itself. better-sqlite3 is synchronous: a checkpoint inside a commit (every 64 MB of WAL during a
 * first sync) stalled the event loop — and every API request `serve` answers from the same process — for
 * 300–800 ms. A PASSIVE checkpoint on another connection never blocks the writer; the writer's own
 * `wal_autocheckpoint` stays as the safety net should the worker fall behind.
 */
export function startBackgroundCheckpoints(path: string, options: { intervalMs?: number } = {}): BackgroundCheckpoints {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { module: require.resolve('better-sqlite3'), path, intervalMs: options.intervalMs ?? 250 },
  });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', () => undefined);
  return {
    async stop() {
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
