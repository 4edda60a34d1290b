import type { RunDetail, RunPage, ScheduleDto } from '@intune-assets/contracts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger } from '../../logging/logger.js';
import { RunHistory } from '../../jobs/run-history.js';
import { Scheduler } from '../../jobs/scheduler.js';
import { runFixture, waitForRun } from '../../jobs/testing/run-fixture.js';
import type { RunFixture } from '../../jobs/testing/run-fixture.js';
import { laptop, laptops } from '../../runs/testing/scenario.js';
import { connectionDocument, startScenarioTenant } from '../../runs/testing/sync-harness.js';
import type { ScenarioTenant } from '../../runs/testing/sync-harness.js';
import { openTestStore } from '../../store/testing/open-test-store.js';
import type { TestStore } from '../../store/testing/open-test-store.js';
import { createTestApi } from '../testing/api-harness.js';
import type { TestApi, TestClient, TestResponse } from '../testing/api-harness.js';
import { runRoutes } from './runs.js';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** The events of a text/event-stream body, in order. */
function eventsOf(response: TestResponse): { event: string; data: Record<string, unknown> }[] {
  return response.body
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const event = /^event: (.+)$/m.exec(block)?.[1] ?? '';
      const data = /^data: (.+)$/m.exec(block)?.[1] ?? 'null';
      return { event, data: JSON.parse(data) as Record<string, unknown> };
    });
}

describe('run routes (SQLite, emulated tenant)', () => {
  let tenant: ScenarioTenant;
  let testStore: TestStore;
  let api: TestApi;
  let fixture: RunFixture;
  let viewer: TestClient;
  let analyst: TestClient;
  const url = (name: string, rest = ''): string => `/api/v1/connections/${encodeURIComponent(name)}${rest}`;

  beforeAll(async () => {
    tenant = await startScenarioTenant({ devices: [...laptops(1, 6), laptop(7, { managedDeviceOwnerType: 'personal' })] });
    testStore = await openTestStore('sqlite', 'run routes');
    const store = testStore.store;
    fixture = runFixture(store);
    const scheduler = new Scheduler({ store, manager: fixture.manager, logger: createLogger({ level: 'silent' }), timezone: 'UTC' });
    api = await createTestApi({ store, routes: [runRoutes({ manager: fixture.manager, history: new RunHistory(store), scheduler, store, eventPollMs: 50 })] });
    [viewer, analyst] = await Promise.all([api.signIn('viewer'), api.signIn('analyst')]);
    for (const name of ['Live', 'Busy', 'Elsewhere']) await fixture.harness.add(connectionDocument(tenant.emulator, name, { batchSize: 2, schedule: '0 3 * * *' }));
  });
  afterAll(async () => {
    await fixture.queue.stop();
    await api.close();
    await testStore.cleanup();
    await tenant.close();
  });

  test('auth: viewers read runs and schedules but cannot Sync now or preview a cron; anonymous gets 401', async () => {
    const reads = [url('Live', '/runs'), '/api/v1/runs', url('Live', '/schedule')];
    for (const path of reads) {
      expect([path, (await viewer.get(path)).status]).toEqual([path, 200]);
      expect([path, (await api.anonymous.get(path)).status]).toEqual([path, 401]);
    }
    expect((await viewer.post(url('Live', '/runs'), {})).status).toBe(403);
    expect((await viewer.post('/api/v1/schedule-preview', { cron: '0 2 * * *' })).status).toBe(403);
    expect((await api.anonymous.post(url('Live', '/runs'), {})).status).toBe(401);
  });

  test('Sync now: 202 queued, the event stream shows progress then the finished run; again at once is 409 sync_debounced; Preview is allowed', async () => {
    const accepted = await analyst.post(url('Live', '/runs'), {});
    expect(accepted.status).toBe(202);
    const { runId, status } = accepted.json<{ runId: string; status: string }>();
    expect(status).toBe('queued');
    const streamed = viewer.get(`/api/v1/runs/${runId}/events`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await fixture.manager.startWorking();
    const stream = await streamed;
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = eventsOf(stream);
    expect(events[0]).toEqual({ event: 'progress', data: { stage: 'queued', devicesDone: 0, devicesFetched: 0, devicesTotal: null } });
    expect(events.some((e) => e.event === 'progress' && e.data['stage'] === 'write')).toBe(true);
    expect(events.at(-1)).toMatchObject({ event: 'finished', data: { id: runId, connection: 'Live', status: 'succeeded', trigger: 'manual', counts: { fetched: 7, created: 6 } } });

    const again = await analyst.post(url('Live', '/runs'), {});
    expect(again.status).toBe(409);
    const body = again.json<ErrorBody>();
    expect(body.error.code).toBe('sync_debounced');
    expect(body.error.details).toEqual({ availableAt: expect.any(String), retryAfterSeconds: expect.any(Number) });
    expect(Number(body.error.details?.['retryAfterSeconds'])).toBeGreaterThan(29 * 60);
    const schedule = (await viewer.get(url('Live', '/schedule'))).json<ScheduleDto>();
    expect(schedule).toMatchObject({ cron: '0 3 * * *', timezone: 'UTC', syncNowAvailableAt: body.error.details?.['availableAt'] });
    expect(schedule.nextRuns).toHaveLength(5);
    expect(schedule.nextRuns.every((t) => t.endsWith('T03:00:00.000Z'))).toBe(true);

    const preview = await analyst.post(url('Live', '/runs'), { dryRun: true });
    expect(preview.status).toBe(202);
    const previewRun = await waitForRun(api.store, preview.json<{ runId: string }>().runId, { manager: fixture.manager });
    const detail = (await viewer.get(`/api/v1/runs/${previewRun.id}`)).json<RunDetail>();
    expect(detail.run).toMatchObject({ dryRun: true, status: 'succeeded' });
    expect(detail.report?.['diff']).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'skip', deviceId: laptop(7).id })]));
  });

  test('run history: per connection, across connections by status, detail and devices filtered by outcome and search', async () => {
    const page = (await viewer.get(url('Live', '/runs?limit=1'))).json<RunPage>();
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();
    const rest = (await viewer.get(url('Live', `/runs?cursor=${encodeURIComponent(page.nextCursor ?? '')}`))).json<RunPage>();
    const real = [...page.items, ...rest.items].find((r) => !r.dryRun);
    expect(real).toMatchObject({ connection: 'Live', status: 'succeeded', trigger: 'manual' });
    const succeeded = (await viewer.get('/api/v1/runs?status=succeeded,partial')).json<RunPage>();
    expect(succeeded.items.map((r) => r.id)).toContain(real?.id);
    expect((await viewer.get('/api/v1/runs?status=done')).status).toBe(422);
    const skipped = (await viewer.get(`/api/v1/runs/${real?.id}/devices?outcome=skipped`)).json<{ items: unknown[] }>();
    expect(skipped.items).toEqual([{ intuneDeviceId: laptop(7).id, deviceName: 'LAP-0007', outcome: 'skipped', reason: 'personal_device', assetId: null }]);
    const found = (await viewer.get(`/api/v1/runs/${real?.id}/devices?search=LAP-0002`)).json<{ items: { deviceName: string; outcome: string }[] }>();
    expect(found.items.map((d) => [d.deviceName, d.outcome])).toEqual([['LAP-0002', 'created']]);
    expect((await viewer.get('/api/v1/runs/nope')).status).toBe(404);
    expect((await viewer.get('/api/v1/runs/nope/events')).status).toBe(404);
    expect((await viewer.get(url('Nope', '/runs'))).status).toBe(404);
  });

  test('a second request while a run is queued is 409 run_already_active with its run id', async () => {
    // why a queued row without a worker: the Busy run must still be queued when the second request arrives.
    const connectionId = (await api.store.repos.connections.getByName('Busy'))?.id ?? '';
    const queued = await api.store.repos.runs.create({ connectionId, trigger: 'manual' });
    const refused = await analyst.post(url('Busy', '/runs'), { dryRun: true });
    expect(refused.status).toBe(409);
    expect(refused.json<ErrorBody>().error).toMatchObject({ code: 'run_already_active', details: { runId: queued.id } });
    await api.store.repos.runs.finish(queued.id, { status: 'failed', error: 'test' });
  });

  test('the event stream follows a run executed by another process through the database', async () => {
    // why a second fixture: its RunManager stands in for a `serve --workers-only` process; the routes' manager never sees the run.
    const other = runFixture(api.store, { harness: fixture.harness });
    const run = await other.manager.requestRun('Elsewhere', { trigger: 'schedule' });
    const streamed = viewer.get(`/api/v1/runs/${run.id}/events`);
    await other.manager.startWorking();
    const events = eventsOf(await streamed);
    expect(events[0]?.event).toBe('progress');
    expect(events.at(-1)).toMatchObject({ event: 'finished', data: { id: run.id, status: 'succeeded', trigger: 'schedule', progress: { stage: 'done', devicesTotal: 7 } } });
    await other.queue.stop();
  });

  test('schedule preview: five runs of a valid cron; 422 naming `cron` for an invalid one', async () => {
    const ok = await analyst.post('/api/v1/schedule-preview', { cron: '15 4 * * 1-5', timezone: 'UTC' });
    expect(ok.status).toBe(200);
    const { nextRuns } = ok.json<{ nextRuns: string[] }>();
    expect(nextRuns).toHaveLength(5);
    expect(nextRuns.every((t) => t.endsWith('T04:15:00.000Z'))).toBe(true);
    const bad = await analyst.post('/api/v1/schedule-preview', { cron: 'every night' });
    expect(bad.status).toBe(422);
    expect(bad.json<ErrorBody>().error.details?.['issues']).toEqual([{ path: 'cron', message: expect.stringMatching(/^not a valid cron expression/) }]);
  });
});
