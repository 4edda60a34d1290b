import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { laptops } from '../runs/testing/scenario.js';
import { connectionDocument, startScenarioTenant } from '../runs/testing/sync-harness.js';
import type { ScenarioTenant } from '../runs/testing/sync-harness.js';
import { openStore } from '../store/connect.js';
import type { Store } from '../store/connect.js';
import { openTestStore } from '../store/testing/open-test-store.js';
import type { TestStore } from '../store/testing/open-test-store.js';
import { PgBossRunQueue } from './pg-boss-run-queue.js';
import type { RunJob } from './run-queue.js';
import { runFixture, waitForRun } from './testing/run-fixture.js';

// Several `serve --workers-only` processes are stood in for by several queues and stores on one database.
describe('PgBossRunQueue (PostgreSQL)', () => {
  let db: TestStore;
  let tenant: ScenarioTenant;
  const closers: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    db = await openTestStore('postgres', 'pg boss queue');
    tenant = await startScenarioTenant({ devices: laptops(1, 20) });
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await tenant.close();
    await db.cleanup();
  });
  const queue = (): PgBossRunQueue => {
    const q = new PgBossRunQueue({ databaseUrl: db.databaseUrl, concurrency: 2, pollingIntervalSeconds: 0.5 });
    closers.push(() => q.stop({ timeoutMs: 5000 }));
    return q;
  };
  const processStore = async (): Promise<Store> => {
    const store = await openStore(db.databaseUrl, { poolSize: 4 });
    closers.push(() => store.close());
    return store;
  };

  test('two workers share the jobs, never two of one connection at once', async () => {
    const running = new Map<string, number>();
    const overlaps: string[] = [];
    const doneBy: Record<string, string> = {};
    let finish = (): void => undefined;
    const allDone = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const handler = (worker: string) => async (job: RunJob): Promise<void> => {
      const n = (running.get(job.connectionId) ?? 0) + 1;
      running.set(job.connectionId, n);
      if (n > 1) overlaps.push(job.runId);
      await new Promise((resolve) => setTimeout(resolve, 300));
      running.set(job.connectionId, n - 1);
      doneBy[job.runId] = worker;
      if (Object.keys(doneBy).length === 4) finish();
    };
    const producer = queue();
    for (const job of [
      { runId: 'x1', connectionId: 'X' },
      { runId: 'x2', connectionId: 'X' },
      { runId: 'y1', connectionId: 'Y' },
      { runId: 'y2', connectionId: 'Y' },
    ]) {
      await producer.enqueue(job);
    }
    const workers = [queue(), queue()];
    await workers[0]?.start(handler('one'));
    await workers[1]?.start(handler('two'));
    await allDone;
    await Promise.all([producer, ...workers].map((q) => q.stop({ timeoutMs: 5000 })));
    expect(Object.keys(doneBy).sort()).toEqual(['x1', 'x2', 'y1', 'y2']);
    expect(overlaps).toEqual([]);
  });

  test('runs requested by an API process are executed by worker processes and end succeeded', async () => {
    const api = runFixture(await processStore(), { queue: queue() });
    await api.harness.add(connectionDocument(tenant.emulator, 'Shared A'));
    await api.harness.add(connectionDocument(tenant.emulator, 'Shared B'));
    const runs = [await api.manager.requestRun('Shared A', { trigger: 'manual' }), await api.manager.requestRun('Shared B', { trigger: 'schedule' })];
    for (let i = 0; i < 2; i += 1) {
      const worker = runFixture(await processStore(), { queue: queue(), harness: api.harness });
      await worker.manager.startWorking();
    }
    const finished = await Promise.all(runs.map((run) => waitForRun(db.store, run.id)));
    expect(finished.map((r) => [r.status, r.trigger, r.error])).toEqual([
      ['succeeded', 'manual', null],
      ['succeeded', 'schedule', null],
    ]);
    expect(finished.map((r) => r.progress)).toEqual([
      { stage: 'done', devicesDone: 20, devicesFetched: 20, devicesTotal: 20 },
      { stage: 'done', devicesDone: 20, devicesFetched: 20, devicesTotal: 20 },
    ]);
  });
});
