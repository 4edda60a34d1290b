import { hostname } from 'node:os';
import type { Store } from '../store/connect.js';

export type RunLockResult =
  | { readonly ok: true; readonly tookOverFrom: string | null }
  | { readonly ok: false; readonly holder: string };

/**
 * One run per connection at a time (SPEC §6): a lease in the database. A lease whose holder was a process on
 * this host that no longer exists (killed mid-run) is taken over at once instead of after its expiry, and the
 * run it was doing is marked failed, so the next run starts and converges.
 */
export async function acquireRunLock(input: { store: Store; connectionId: string; owner: string; ttlMs: number }): Promise<RunLockResult> {
  const { store, connectionId, owner, ttlMs } = input;
  if (await store.repos.runLocks.tryAcquire(connectionId, owner, ttlMs)) return { ok: true, tookOverFrom: null };
  const held = await store.repos.runLocks.get(connectionId);
  if (held === undefined) {
    return (await store.repos.runLocks.tryAcquire(connectionId, owner, ttlMs)) ? { ok: true, tookOverFrom: null } : { ok: false, holder: 'another process' };
  }
  const [host, pidText, runId] = held.owner.split(':');
  const pid = Number(pidText);
  if (host === hostname() && Number.isInteger(pid) && !isAlive(pid)) {
    await store.repos.runLocks.release(connectionId, held.owner);
    if (runId !== undefined) {
      await store.repos.runs.finish(runId, { status: 'failed', error: 'interrupted: the process running it stopped' }).catch(() => undefined);
    }
    if (await store.repos.runLocks.tryAcquire(connectionId, owner, ttlMs)) return { ok: true, tookOverFrom: held.owner };
  }
  return { ok: false, holder: `held by ${held.owner} since ${held.acquiredAt}` };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
