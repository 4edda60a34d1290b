import { loadConfig } from '../config/load.js';
import { isAppError } from '../errors/app-error.js';
import { GraphError } from '../graph/index.js';
import { createApp } from '../main.js';
import type { App } from '../main.js';
import { keepHeapNearLive } from '../runs/heap-growth.js';

export interface Io {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export const processIo: Io = { stdout: process.stdout, stderr: process.stderr };

/**
 * Runs one command with the app wired from the environment, closes it afterwards, and turns errors into
 * one readable message on stderr with exit code 1 (the boundary where errors are reported, STYLE §3).
 */
/**
 * `runsSyncs`: the command writes in bulk (`sync`, `serve`, `demo`), so the SQLite WAL is checkpointed from a worker
 * thread (neither the sync nor the API waits on its fsyncs), the sync's writes run on another (its CPU overlaps the
 * next page's) and the heap is kept near its live size.
 */
export async function withApp(io: Io, fn: (app: App) => Promise<void>, options: { runsSyncs?: boolean } = {}): Promise<void> {
  let app: App | undefined;
  if (options.runsSyncs === true) keepHeapNearLive();
  try {
    // A person reads the command's own output; the log (stderr) carries only warnings unless LOG_LEVEL says more.
    app = await createApp(loadConfig(process.env, process.cwd(), { logLevel: 'warn' }), { runsSyncs: options.runsSyncs ?? false });
    await fn(app);
  } catch (error) {
    reportError(io, error);
    process.exitCode = 1;
  } finally {
    await app?.close();
  }
}

export function reportError(io: Io, error: unknown): void {
  if (isAppError(error)) {
    const issues = error.details?.['issues'];
    if (Array.isArray(issues) && issues.length > 0) {
      const lines = issues.map((i: { path: string; message: string }) => `  - ${i.path}: ${i.message}`);
      io.stderr.write(`error [${error.code}]: ${error.message.split(':')[0]}:\n${lines.join('\n')}\nNothing was changed.\n`);
      return;
    }
    io.stderr.write(`error [${error.code}]: ${error.message}\n`);
    return;
  }
  if (error instanceof GraphError) {
    io.stderr.write(`error [graph]: ${error.message}\n`);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`error [internal]: ${message}\n`);
  if (process.env['LOG_LEVEL'] === 'debug' && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
}

export function printJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
