import { createLogger } from '../../logging/logger.js';
import { syncHarness } from '../../runs/testing/sync-harness.js';
import type { SyncHarness } from '../../runs/testing/sync-harness.js';
import type { Run } from '../../domain/run.js';
import { isFinishedRunStatus } from '../../domain/run.js';
import type { Store } from '../../store/connect.js';
import { LocalRunQueue } from '../local-run-queue.js';
import { RunManager } from '../run-manager.js';
import type { RunEvent } from '../run-manager.js';
import type { RunQueue } from '../run-queue.js';

export interface RunFixture {
  readonly harness: SyncHarness;
  readonly manager: RunManager;
  readonly queue: RunQueue;
}

/** The production RunManager over a test store, the real SyncService and an emulated tenant's connections. */
export function runFixture(
  store: Store,
  options: { queue?: RunQueue; now?: () => Date; lockTtlMs?: number; harness?: SyncHarness; instance?: 'production' | 'uat' } = {},
): RunFixture {
  // A second "process" passes the first one's harness: both must read secrets sealed with the same key.
  const harness = options.harness ?? syncHarness(store, options.lockTtlMs === undefined ? {} : { lockTtlMs: options.lockTtlMs });
  const queue = options.queue ?? new LocalRunQueue({ concurrency: 2 });
  const manager = new RunManager({
    store,
    connections: harness.connections,
    sync: harness.sync,
    queue,
    logger: createLogger({ level: 'silent' }),
    progressWriteMs: 0,
    ...(options.now !== undefined && { now: options.now }),
    ...(options.instance !== undefined && { instance: options.instance }),
  });
  return { harness, manager, queue };
}

/** Resolves with the run once it has finished, whichever process ran it (polls the row as well as listening). */
export async function waitForRun(store: Store, runId: string, options: { manager?: RunManager; timeoutMs?: number } = {}): Promise<Run> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise<Run>((resolve, reject) => {
    let unsubscribe = (): void => undefined;
    const finish = (outcome: { run: Run } | { error: Error }): void => {
      clearInterval(poll);
      clearTimeout(timer);
      unsubscribe();
      if ('run' in outcome) resolve(outcome.run);
      else reject(outcome.error);
    };
    if (options.manager !== undefined) {
      unsubscribe = options.manager.subscribe(runId, (event: RunEvent) => {
        if (event.type === 'finished') finish({ run: event.run });
      });
    }
    const check = (): void => {
      store.repos.runs
        .get(runId)
        .then((run) => {
          if (run !== undefined && isFinishedRunStatus(run.status)) finish({ run });
        })
        .catch((error: unknown) => finish({ error: error instanceof Error ? error : new Error(String(error)) }));
    };
    const poll = setInterval(check, 100);
    const timer = setTimeout(() => finish({ error: new Error(`run ${runId} did not finish within ${timeoutMs} ms`) }), timeoutMs);
    check();
  });
}
