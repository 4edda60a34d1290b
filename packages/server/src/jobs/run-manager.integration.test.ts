import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isAppError } from '../errors/app-error.js';
import { laptops } from '../runs/testing/scenario.js';
import { connectionDocument, startScenarioTenant } from '../runs/testing/sync-harness.js';
import type { ScenarioTenant } from '../runs/testing/sync-harness.js';
import { DIALECTS, useTestStore } from '../store/testing/open-test-store.js';
import type { RunEvent } from './run-manager.js';
import { recoverInterruptedRuns } from './run-recovery.js';
import { runFixture, waitForRun } from './testing/run-fixture.js';

async function refusal(promise: Promise<unknown>): Promise<{ code: string; details: Readonly<Record<string, unknown>> | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('expected the request to be refused');
}

describe.each(DIALECTS)('RunManager on %s', (dialect) => {
  const store = useTestStore(dialect, 'run manager');
  let tenant: ScenarioTenant;
  beforeAll(async () => {
    tenant = await startScenarioTenant({ devices: laptops(1, 30) });
  });
  afterAll(() => tenant.close());

  test('a manual run is queued at once, then runs to succeeded; a subscriber sees progress then the finished run', async () => {
    const { harness, manager, queue } = runFixture(store());
    await harness.add(connectionDocument(tenant.emulator, 'Progress', { batchSize: 10 }));
    const run = await manager.requestRun('Progress', { trigger: 'manual', requestedBy: 'acct-1' });
    expect(run).toMatchObject({ status: 'queued', trigger: 'manual', requestedBy: 'acct-1', isDryRun: false });
    const events: RunEvent[] = [];
    manager.subscribe(run.id, (event) => events.push(event));
    await manager.startWorking();
    const finished = await waitForRun(store(), run.id, { manager });
    expect(finished).toMatchObject({ id: run.id, status: 'succeeded', trigger: 'manual' });
    expect(finished.startedAt).not.toBeNull();
    const stages = events.flatMap((e) => (e.type === 'progress' ? [e.progress.stage] : []));
    expect(stages).toContain('write');
    expect(stages.at(-1)).toBe('done');
    const last = events.at(-1);
    expect(last?.type).toBe('finished');
    const done = events.findLast((e) => e.type === 'progress');
    expect(done).toEqual({ type: 'progress', progress: { stage: 'done', devicesDone: 30, devicesFetched: 30, devicesTotal: 30 } });
    const write = events.find((e) => e.type === 'progress' && e.progress.stage === 'write');
    expect(write?.type === 'progress' && write.progress.devicesTotal).toBeNull();
    expect((await store().repos.runs.get(run.id))?.progress).toEqual({ stage: 'done', devicesDone: 30, devicesFetched: 30, devicesTotal: 30 });
    await queue.stop();
  });

  test('Sync now within the debounce window is refused with the time left; a dry run is not; after the window it is queued', async () => {
    let nowMs = Date.now();
    const { harness, manager, queue } = runFixture(store(), { now: () => new Date(nowMs) });
    await harness.add(connectionDocument(tenant.emulator, 'Debounce', { syncNowDebounceMinutes: 30 }));
    await manager.startWorking();
    const first = await manager.requestRun('Debounce', { trigger: 'manual' });
    const firstDone = await waitForRun(store(), first.id, { manager });
    expect(firstDone.status).toBe('succeeded');
    nowMs = Date.parse(firstDone.startedAt ?? '') + 10 * 60_000;
    const refused = await refusal(manager.requestRun('Debounce', { trigger: 'manual' }));
    expect(refused).toEqual({
      code: 'sync_debounced',
      details: { availableAt: new Date(Date.parse(firstDone.startedAt ?? '') + 30 * 60_000).toISOString(), retryAfterSeconds: 20 * 60 },
    });
    const preview = await manager.requestRun('Debounce', { trigger: 'manual', dryRun: true });
    expect((await waitForRun(store(), preview.id, { manager })).status).toBe('succeeded');
    const scheduled = await manager.requestRun('Debounce', { trigger: 'schedule' });
    await waitForRun(store(), scheduled.id, { manager });
    nowMs = Date.parse((await store().repos.runs.get(scheduled.id))?.startedAt ?? '') + 30 * 60_000 + 1000;
    const later = await manager.requestRun('Debounce', { trigger: 'manual' });
    expect(later.status).toBe('queued');
    await waitForRun(store(), later.id, { manager });
    await queue.stop();
  });

  test('refused before a run is created: inactive or not enabled for this instance; a run refused before it started does not debounce', async () => {
    const { harness, manager } = runFixture(store(), { instance: 'production' });
    await harness.add(connectionDocument(tenant.emulator, 'Uat only', { enabledForInstances: ['uat'] }));
    await harness.add(connectionDocument(tenant.emulator, 'Off', { isActive: false }));
    expect(await refusal(manager.requestRun('Uat only', { trigger: 'manual' }))).toEqual({ code: 'connection_inactive', details: undefined });
    expect(await refusal(manager.requestRun('Off', { trigger: 'schedule' }))).toEqual({ code: 'connection_inactive', details: undefined });
    const refusedEarly = await harness.add(connectionDocument(tenant.emulator, 'Refused early'));
    const run = await store().repos.runs.create({ connectionId: refusedEarly.id, trigger: 'manual' });
    await store().repos.runs.finish(run.id, { status: 'failed', error: 'settings invalid' });
    expect(await manager.syncNowAvailableAt(refusedEarly.id, 30)).toBeNull();
  });

  test('two Sync now requests at once make one run; the other is refused with its run id', async () => {
    const { harness, manager, queue } = runFixture(store());
    await harness.add(connectionDocument(tenant.emulator, 'Twice'));
    const results = await Promise.allSettled([manager.requestRun('Twice', { trigger: 'manual' }), manager.requestRun('Twice', { trigger: 'manual' })]);
    const created = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' && isAppError(r.reason) ? [{ code: r.reason.code, details: r.reason.details }] : []));
    expect(created).toHaveLength(1);
    expect(refused).toEqual([{ code: 'run_already_active', details: { runId: created[0]?.id } }]);
    await manager.startWorking();
    expect((await waitForRun(store(), created[0]?.id ?? '', { manager })).status).toBe('succeeded');
    expect((await store().repos.runs.list({ connectionId: (await harness.connections.get('Twice')).id })).items).toHaveLength(1);
    await queue.stop();
  });

  test('two processes firing the same cron at the same second create one scheduled run', async () => {
    const a = runFixture(store());
    const b = runFixture(store(), { harness: a.harness });
    await a.harness.add(connectionDocument(tenant.emulator, 'Cron twice'));
    const scheduledFor = new Date('2026-11-23T02:00:00.000Z');
    const results = await Promise.allSettled([
      a.manager.requestRun('Cron twice', { trigger: 'schedule', scheduledFor }),
      b.manager.requestRun('Cron twice', { trigger: 'schedule', scheduledFor }),
    ]);
    const created = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.id] : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' && isAppError(r.reason) ? [r.reason.code] : []));
    expect([created.length, refused]).toEqual([1, ['run_already_active']]);
    // Either process may have won; each queue is in-process, so both work.
    await a.manager.startWorking();
    await b.manager.startWorking();
    expect((await waitForRun(store(), created[0] ?? '')).status).toBe('succeeded');
    const again = await refusal(b.manager.requestRun('Cron twice', { trigger: 'schedule', scheduledFor }));
    expect(again).toEqual({ code: 'run_already_active', details: { runId: created[0] } });
    await a.queue.stop();
    await b.queue.stop();
  });

  test('restart: runs a stopped process left running or queued are marked failed "interrupted", and the next run succeeds', async () => {
    const { harness, manager, queue } = runFixture(store());
    const connection = await harness.add(connectionDocument(tenant.emulator, 'Restart'));
    const dead = await store().repos.runs.create({ connectionId: connection.id, trigger: 'manual' });
    await store().repos.runs.start(dead.id);
    await store().db.updateTable('runs').set({ heartbeat_at: new Date(Date.now() - 10 * 60_000).toISOString() }).where('id', '=', dead.id).execute();
    const orphan = await store().repos.runs.create({ connectionId: connection.id, trigger: 'schedule' });
    const recovered = await recoverInterruptedRuns(store(), { leaseTtlMs: 120_000, isQueueDurable: false, now: () => new Date(Date.now() + 1000) });
    expect(recovered.filter((r) => r.connectionId === connection.id).map((r) => [r.id, r.status, r.error]).sort()).toEqual(
      [
        [dead.id, 'failed', 'interrupted (the process stopped)'],
        [orphan.id, 'failed', 'interrupted (the process stopped)'],
      ].sort(),
    );
    // A run queued in the very millisecond recovery starts (timestamps are ms) is orphaned all the same.
    const sameInstant = await store().repos.runs.create({ connectionId: connection.id, trigger: 'schedule' });
    const atQueueTime = await recoverInterruptedRuns(store(), { leaseTtlMs: 120_000, isQueueDurable: false, now: () => new Date(sameInstant.queuedAt) });
    expect(atQueueTime.map((r) => r.id)).toEqual([sameInstant.id]);
    const fresh = await store().repos.runs.create({ connectionId: connection.id, trigger: 'schedule' });
    await store().repos.runs.start(fresh.id);
    expect(await recoverInterruptedRuns(store(), { leaseTtlMs: 120_000, isQueueDurable: true })).toEqual([]);
    expect((await store().repos.runs.get(fresh.id))?.status).toBe('running');
    await store().db.updateTable('runs').set({ heartbeat_at: new Date(Date.now() - 10 * 60_000).toISOString() }).where('id', '=', fresh.id).execute();
    await recoverInterruptedRuns(store(), { leaseTtlMs: 120_000, isQueueDurable: true });
    await manager.startWorking();
    // why `schedule`: Sync now would be debounced by the interrupted run's start a moment ago.
    const next = await manager.requestRun('Restart', { trigger: 'schedule' });
    expect((await waitForRun(store(), next.id, { manager })).status).toBe('succeeded');
    await queue.stop();
  });
});
