import type { ConnectionView, ScheduleDto } from '@intune-assets/contracts';
import { toConnectionDocument } from '@intune-assets/contracts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConnectionPreviewService } from '../../connections/connection-preview.js';
import { RunHistory } from '../../jobs/run-history.js';
import { Scheduler } from '../../jobs/scheduler.js';
import { runFixture } from '../../jobs/testing/run-fixture.js';
import type { RunFixture } from '../../jobs/testing/run-fixture.js';
import { createLogger } from '../../logging/logger.js';
import { laptops } from '../../runs/testing/scenario.js';
import { connectionDocument, startScenarioTenant } from '../../runs/testing/sync-harness.js';
import type { ScenarioTenant } from '../../runs/testing/sync-harness.js';
import { DIALECTS, openTestStore } from '../../store/testing/open-test-store.js';
import type { TestStore } from '../../store/testing/open-test-store.js';
import { createTestApi } from '../testing/api-harness.js';
import type { TestApi, TestClient } from '../testing/api-harness.js';
import { connectionRoutes } from './connections.js';
import { runRoutes } from './runs.js';

interface ErrorBody {
  error: { code: string; details?: { issues?: Array<{ path: string; message: string }> } };
}

describe.each(DIALECTS)('connection changes reach the scheduler at once (%s)', (dialect) => {
  let tenant: ScenarioTenant;
  let testStore: TestStore;
  let fixture: RunFixture;
  let scheduler: Scheduler;
  let api: TestApi;
  let analyst: TestClient;
  let admin: TestClient;
  const url = (name: string, rest = ''): string => `/api/v1/connections/${encodeURIComponent(name)}${rest}`;
  const iso = (dates: readonly Date[]): string[] => dates.map((d) => d.toISOString());

  beforeAll(async () => {
    tenant = await startScenarioTenant({ devices: laptops(1, 2) });
    testStore = await openTestStore(dialect, 'connection schedule');
    const { store } = testStore;
    fixture = runFixture(store);
    // A refresh interval far beyond the test: only the route's onConnectionsChanged can make the scheduler see an edit.
    scheduler = new Scheduler({ store, manager: fixture.manager, logger: createLogger({ level: 'silent' }), timezone: 'UTC', refreshIntervalMs: 3_600_000 });
    await scheduler.start();
    const connections = fixture.harness.connections;
    api = await createTestApi({
      store,
      routes: [
        connectionRoutes({
          connections,
          preview: new ConnectionPreviewService(connections),
          store,
          scheduleInfo: async (connectionId) => (await scheduler.scheduleInfo(connectionId)).nextRunAt,
          onConnectionsChanged: () => scheduler.refresh(),
        }),
        runRoutes({ manager: fixture.manager, history: new RunHistory(store), scheduler, store }),
      ],
    });
    [analyst, admin] = await Promise.all([api.signIn('analyst'), api.signIn('admin')]);
  });
  afterAll(async () => {
    scheduler.stop();
    await fixture.queue.stop();
    await api.close();
    await testStore.cleanup();
    await tenant.close();
  });

  test('create, PUT a new schedule and time zone, delete: the schedule route and the scheduler follow each at once', async () => {
    const created = await analyst.post('/api/v1/connections', connectionDocument(tenant.emulator, 'Nightly', { schedule: '0 3 * * *' }));
    expect(created.status).toBe(201);
    const view = created.json<ConnectionView>();
    const scheduled = scheduler.nextRuns(view.id, 2);
    expect(scheduled).toHaveLength(2);
    expect(iso(scheduled).every((t) => t.endsWith('T03:00:00.000Z'))).toBe(true);

    const document = toConnectionDocument(view);
    const edited = await analyst.put(url('Nightly'), { ...document, schedule: '30 5 * * *', scheduleTimezone: 'Asia/Tokyo' });
    expect(edited.status).toBe(200);
    expect(edited.json<ConnectionView>()).toMatchObject({ schedule: '30 5 * * *', scheduleTimezone: 'Asia/Tokyo' });
    const info = (await analyst.get(url('Nightly', '/schedule'))).json<ScheduleDto>();
    expect(info).toMatchObject({ cron: '30 5 * * *', timezone: 'Asia/Tokyo' });
    // 05:30 in Tokyo (UTC+9, no daylight saving) is 20:30 UTC the day before.
    expect(info.nextRuns.every((t) => t.endsWith('T20:30:00.000Z'))).toBe(true);
    expect(iso(scheduler.nextRuns(view.id, 5))).toEqual(info.nextRuns);

    const deactivated = await analyst.put(url('Nightly'), { ...document, isActive: false });
    expect(deactivated.status).toBe(200);
    expect(scheduler.nextRuns(view.id, 1)).toEqual([]);
    expect((await analyst.put(url('Nightly'), { ...document, isActive: true })).status).toBe(200);
    // The time zone left out again: the scheduler's own (UTC here).
    expect(iso(scheduler.nextRuns(view.id, 1))[0]).toMatch(/T03:00:00\.000Z$/);
    expect((await analyst.get(url('Nightly', '/schedule'))).json<ScheduleDto>().timezone).toBe('UTC');

    expect((await admin.delete(url('Nightly'))).status).toBe(204);
    expect(scheduler.nextRuns(view.id, 1)).toEqual([]);
  });

  test('an unknown time zone is 422 naming scheduleTimezone, and nothing is scheduled', async () => {
    const refused = await analyst.post('/api/v1/connections', connectionDocument(tenant.emulator, 'Atlantis', { scheduleTimezone: 'Europe/Atlantis' }));
    expect(refused.status).toBe(422);
    expect(refused.json<ErrorBody>().error.details?.issues).toEqual([expect.objectContaining({ path: 'scheduleTimezone', message: expect.stringMatching(/IANA/) })]);
    expect((await analyst.get(url('Atlantis'))).status).toBe(404);
  });

  test('a scheduler that was never started (an API-only process) keeps no crons when told of a change', async () => {
    const created = await analyst.post('/api/v1/connections', connectionDocument(tenant.emulator, 'Elsewhere', { schedule: '0 4 * * *' }));
    expect(created.status).toBe(201);
    const idle = new Scheduler({ store: testStore.store, manager: fixture.manager, logger: createLogger({ level: 'silent' }), timezone: 'UTC' });
    await idle.refresh();
    expect(idle.nextRuns(created.json<ConnectionView>().id, 1)).toEqual([]);
    expect((await idle.scheduleInfo(created.json<ConnectionView>().id)).nextRuns).toHaveLength(5);
  });
});
