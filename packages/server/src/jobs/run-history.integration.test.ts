import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isAppError } from '../errors/app-error.js';
import { laptop, laptops } from '../runs/testing/scenario.js';
import { connectionDocument, startScenarioTenant, syncHarness } from '../runs/testing/sync-harness.js';
import type { ScenarioTenant } from '../runs/testing/sync-harness.js';
import { DIALECTS, useTestStore } from '../store/testing/open-test-store.js';
import { RunHistory } from './run-history.js';

describe.each(DIALECTS)('RunHistory on %s', (dialect) => {
  const store = useTestStore(dialect, 'run history');
  let tenant: ScenarioTenant;
  let realRunId = '';
  let dryRunId = '';
  beforeAll(async () => {
    tenant = await startScenarioTenant({
      devices: [...laptops(1, 4), laptop(5, { managedDeviceOwnerType: 'personal' }), laptop(6, { serialNumber: '0', deviceName: 'ODD_100%' })],
    });
    const h = syncHarness(store());
    await h.add(connectionDocument(tenant.emulator, 'History'));
    dryRunId = (await h.run('History', { dryRun: true })).runId;
    realRunId = (await h.run('History')).runId;
  });
  afterAll(() => tenant.close());

  test('runs are listed newest first with names, counts and cursors; across connections filtered by status', async () => {
    const history = new RunHistory(store());
    const connectionId = (await store().repos.connections.getByName('History'))?.id ?? '';
    const first = await history.list({ connectionId, limit: 1 });
    expect(first.items.map((r) => [r.id, r.connection, r.status, r.dryRun, r.trigger])).toEqual([[realRunId, 'History', 'succeeded', false, 'cli']]);
    expect(first.items[0]?.counts).toMatchObject({ fetched: 6, created: 4 });
    expect(first.items[0]?.durationMs).toBeGreaterThanOrEqual(0);
    const second = await history.list({ connectionId, limit: 1, cursor: first.nextCursor ?? '' });
    expect(second).toMatchObject({ items: [{ id: dryRunId, dryRun: true }], nextCursor: null });
    expect((await history.list({ statuses: ['failed'] })).items).toEqual([]);
    expect((await history.list({ statuses: ['succeeded', 'partial'] })).items.map((r) => r.id).sort()).toEqual([dryRunId, realRunId].sort());
  });

  test('run detail carries the stored report; a dry run keeps its diff without unchanged devices', async () => {
    const history = new RunHistory(store());
    const real = await history.detail(realRunId);
    expect(real.run.id).toBe(realRunId);
    expect(real.report).toMatchObject({ runId: realRunId, counts: { created: 4 } });
    expect(real.report).not.toHaveProperty('diff');
    const dry = await history.detail(dryRunId);
    expect(dry.report?.['diff']).toEqual(expect.arrayContaining([expect.objectContaining({ deviceId: laptop(1).id, action: 'create', deviceName: 'LAP-0001' })]));
    const refused = await history.detail('no-such-run').catch((error: unknown) => (isAppError(error) ? error.code : error));
    expect(refused).toBe('not_found');
  });

  test('devices of a run: created ones from their audit rows and skipped ones with reasons; filters, search and paging', async () => {
    const history = new RunHistory(store());
    const all = await history.devices(realRunId);
    expect(all.items.map((d) => [d.deviceName, d.outcome, d.reason])).toEqual([
      ['LAP-0001', 'created', null],
      ['LAP-0002', 'created', null],
      ['LAP-0003', 'created', null],
      ['LAP-0004', 'created', null],
      ['LAP-0005', 'skipped', 'personal_device'],
      ['ODD_100%', 'skipped', 'invalid_serial'],
    ]);
    expect(all.items.filter((d) => d.outcome === 'created').every((d) => d.assetId !== null)).toBe(true);
    expect((await history.devices(realRunId, { outcome: 'skipped', reason: 'personal_device' })).items.map((d) => d.intuneDeviceId)).toEqual([laptop(5).id]);
    expect((await history.devices(realRunId, { outcome: 'created', search: 'lap-0003' })).items.map((d) => d.deviceName)).toEqual(['LAP-0003']);
    expect((await history.devices(realRunId, { search: laptop(6).id.slice(-6) })).items.map((d) => d.intuneDeviceId)).toEqual([laptop(6).id]);
    expect((await history.devices(realRunId, { search: 'lap-0005' })).items.map((d) => [d.deviceName, d.outcome])).toEqual([['LAP-0005', 'skipped']]);
    expect((await history.devices(realRunId, { search: 'odd_100%' })).items.map((d) => d.intuneDeviceId)).toEqual([laptop(6).id]);
    const pages: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await history.devices(realRunId, { limit: 4, ...(cursor !== undefined && { cursor }) });
      pages.push(page.items.map((d) => d.intuneDeviceId).join(','));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(pages.join(',').split(',')).toEqual(all.items.map((d) => d.intuneDeviceId));
    expect(pages).toHaveLength(2);
  });

  test('devices of a dry run come from its diff; a cursor that is not ours is input_invalid naming `cursor`', async () => {
    const history = new RunHistory(store());
    const created = await history.devices(dryRunId, { outcome: 'created' });
    expect(created.items.map((d) => d.deviceName)).toEqual(['LAP-0001', 'LAP-0002', 'LAP-0003', 'LAP-0004']);
    expect((await history.devices(dryRunId, { search: '100%' })).items.map((d) => d.intuneDeviceId)).toEqual([laptop(6).id]);
    const bad = await history.devices(realRunId, { cursor: 'nonsense' }).catch((error: unknown) => (isAppError(error) ? [error.code, error.details] : error));
    expect(bad).toEqual(['input_invalid', { issues: [{ path: 'cursor', message: expect.stringContaining('is not one this API returned') }] }]);
  });
});
