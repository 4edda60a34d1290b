import type { Run } from '../domain/run.js';
import { INTERRUPTED_RUN_ERROR } from '../runs/sync-service.js';
import type { Store } from '../store/connect.js';

export interface RecoveryOptions {
  /** A running run without a heartbeat for this long belongs to a dead process (the run lease TTL). */
  readonly leaseTtlMs: number;
  /**
   * The embedded queue lives in memory, so at start every queued run is orphaned; pg-boss keeps its jobs, so its
   * queued runs are still on their way and stay queued.
   */
  readonly isQueueDurable: boolean;
  readonly now?: () => Date;
}

/**
 * Marks runs left queued or running by a stopped process as failed ("interrupted (the process stopped)"), so the
 * dashboard does not show them running forever and the next run of their connection is not refused. The sync
 * converges on the next run (the kill tests in runs/ prove it).
 */
export async function recoverInterruptedRuns(store: Store, options: RecoveryOptions): Promise<Run[]> {
  const now = (options.now ?? (() => new Date()))();
  const heartbeatBefore = new Date(now.getTime() - options.leaseTtlMs).toISOString();
  const stale = await store.repos.runs.listStale({ heartbeatBefore, ...(!options.isQueueDurable && { queuedBefore: now.toISOString() }) });
  const failed: Run[] = [];
  for (const run of stale) {
    const finished = await store.repos.runs.finish(run.id, { status: 'failed', error: INTERRUPTED_RUN_ERROR });
    if (finished !== undefined) failed.push(finished);
  }
  return failed;
}
