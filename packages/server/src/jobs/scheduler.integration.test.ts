import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger } from '../logging/logger.js';
import { laptops } from '../runs/testing/scenario.js';
import { connectionDocument, startScenarioTenant } from '../runs/testing/sync-harness.js';
import type { ScenarioTenant } from '../runs/testing/sync-harness.js';
import { useTestStore } from '../store/testing/open-test-store.js';
import { Scheduler } from './scheduler.js';
import { runFixture, waitForRun } from './testing/run-fixture.js';

describe('Scheduler against the emulated tenant', () => {
  const store = useTestStore('sqlite', 'scheduler');
  let tenant: ScenarioTenant;
  beforeAll(async () => {
    tenant = await startScenarioTenant({ devices: laptops(1, 5) });
  });
  afterAll(() => tenant.close());

  test('a 1-second cron queues a scheduled run that succeeds; once the connection is deactivated, refresh() stops its cron', async () => {
    const { harness, manager, queue } = runFixture(store());
    const connection = await harness.add(connectionDocument(tenant.emulator, 'Every second', { schedule: '* * * * * *' }));
    await harness.add(connectionDocument(tenant.emulator, 'Nightly', { schedule: '0 2 * * *' }));
    const scheduler = new Scheduler({ store: store(), manager, logger: createLogger({ level: 'silent' }), timezone: 'UTC' });
    await manager.startWorking();
    await scheduler.start();
    try {
      expect(scheduler.nextRuns(connection.id, 3).map((d) => d.getTime() % 1000)).toEqual([0, 0, 0]);
      const first = await new Promise<string>((resolve) => {
        const poll = setInterval(() => {
          void store()
            .repos.runs.latest(connection.id)
            .then((run) => {
              if (run !== undefined) {
                clearInterval(poll);
                resolve(run.id);
              }
            });
        }, 50);
      });
      const run = await waitForRun(store(), first, { manager });
      expect(run).toMatchObject({ status: 'succeeded', trigger: 'schedule', requestedBy: null });
      await store().repos.connections.update(connection.id, { isActive: false });
      await scheduler.refresh();
      expect(scheduler.nextRuns(connection.id, 1)).toEqual([]);
      // Settle: a fire that was already under way when the connection was deactivated may still finish.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const count = (await store().repos.runs.list({ connectionId: connection.id })).items.length;
      await new Promise((resolve) => setTimeout(resolve, 1200));
      const runs = (await store().repos.runs.list({ connectionId: connection.id })).items;
      expect(runs).toHaveLength(count);
      expect(runs.every((r) => r.trigger === 'schedule' && r.status !== 'queued')).toBe(true);
    } finally {
      scheduler.stop();
      await queue.stop();
    }
  });

  test('scheduleInfo: cron, time zone, the next five runs and when Sync now is available again', async () => {
    const { harness, manager } = runFixture(store());
    const connection = await harness.add(connectionDocument(tenant.emulator, 'Info', { schedule: '30 6 * * 1', syncNowDebounceMinutes: 30 }));
    const scheduler = new Scheduler({ store: store(), manager, logger: createLogger({ level: 'silent' }), timezone: 'Europe/Paris' });
    const before = await scheduler.scheduleInfo(connection.id);
    expect(before).toMatchObject({ cron: '30 6 * * 1', timezone: 'Europe/Paris', syncNowAvailableAt: null });
    expect(before.nextRuns).toHaveLength(5);
    expect(before.nextRunAt).toBe(before.nextRuns[0]);
    // 06:30 in Paris is 05:30 UTC in winter and 04:30 UTC in summer, always on a Monday.
    expect(before.nextRuns.every((t) => new Date(t).getUTCDay() === 1 && ['05:30', '04:30'].includes(t.slice(11, 16)))).toBe(true);
    const run = await store().repos.runs.create({ connectionId: connection.id, trigger: 'manual' });
    const started = await store().repos.runs.start(run.id);
    const after = await scheduler.scheduleInfo(connection.id);
    expect(after.syncNowAvailableAt).toBe(new Date(Date.parse(started?.startedAt ?? '') + 30 * 60_000).toISOString());
  });
});
