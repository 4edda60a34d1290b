import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Config } from '../config/schema.js';
import { createLogger } from '../logging/logger.js';
import { laptops } from '../runs/testing/scenario.js';
import { connectionDocument, startScenarioTenant, syncHarness } from '../runs/testing/sync-harness.js';
import type { ScenarioTenant } from '../runs/testing/sync-harness.js';
import { useTestStore } from '../store/testing/open-test-store.js';
import { createRunServices, startWorkers } from './start-workers.js';
import type { RunApp } from './start-workers.js';
import { waitForRun } from './testing/run-fixture.js';

describe('startWorkers (SQLite, embedded queue)', () => {
  const store = useTestStore('sqlite', 'start workers');
  let tenant: ScenarioTenant;
  let app: RunApp;
  beforeAll(async () => {
    tenant = await startScenarioTenant({ devices: laptops(1, 3000) });
    const harness = syncHarness(store());
    await harness.add(connectionDocument(tenant.emulator, 'Big', { batchSize: 50 }));
    // why a hand-made config: only db.url and instance are read by the run services.
    const config = { instance: 'production', db: { url: 'sqlite::memory:' } } as Config;
    app = { config, logger: createLogger({ level: 'silent' }), store: store(), connections: harness.connections, sync: harness.sync };
  });
  afterAll(() => tenant.close());

  test('on start a run left queued by a stopped process is marked interrupted; stop() aborts a run that outlasts the grace period', async () => {
    const connectionId = (await store().repos.connections.getByName('Big'))?.id ?? '';
    const left = await store().repos.runs.create({ connectionId, trigger: 'schedule' });
    const services = createRunServices(app);
    const workers = await startWorkers(app, services, { workers: true, scheduler: false });
    expect(await store().repos.runs.get(left.id)).toMatchObject({ status: 'failed', error: 'interrupted (the process stopped)' });

    const run = await services.manager.requestRun('Big', { trigger: 'schedule' });
    await new Promise<void>((resolve) => {
      const unsubscribe = services.manager.subscribe(run.id, (event) => {
        if (event.type === 'progress' && event.progress.stage === 'write') {
          unsubscribe();
          resolve();
        }
      });
    });
    const stopStarted = Date.now();
    await workers.stop({ graceMs: 50 });
    expect(Date.now() - stopStarted).toBeLessThan(10_000);
    const stopped = await waitForRun(store(), run.id);
    expect([stopped.status, stopped.error]).toEqual(['failed', expect.stringContaining('shutting down')]);
    expect(services.manager.isExecuting(run.id)).toBe(false);
    expect((await store().repos.runLocks.get(connectionId))).toBeUndefined();
  });

  test('SQLite without workers is refused: nobody would execute the queued runs', async () => {
    const refused = startWorkers(app, createRunServices(app), { workers: false, scheduler: true });
    await expect(refused).rejects.toMatchObject({ code: 'config_invalid', message: expect.stringMatching(/--no-workers needs DATABASE_URL=postgres/) });
  });
});
