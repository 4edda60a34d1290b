import { describe, expect, test } from 'vitest';
import type { RunDevice } from '../../domain/run.js';
import { DIALECTS, useTestStore } from '../testing/open-test-store.js';

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    let clock = new Date('2024-05-01T02:00:00.000Z');
    const store = useTestStore(dialect, `runs ${dialect}`, { now: () => clock });
    const connection = async (name: string): Promise<string> => {
      const { connections, reference } = store().repos;
      return (await connections.create({ name, departmentId: (await reference.getDefaultDepartment()).id, settings: {} })).id;
    };

    test('a run goes queued → running → partial with its report, and refuses transitions off the table', async () => {
      const { runs } = store().repos;
      const run = await runs.create({ connectionId: await connection('lifecycle'), isDryRun: true });
      expect(run).toMatchObject({ status: 'queued', isDryRun: true, queuedAt: '2024-05-01T02:00:00.000Z', startedAt: null, report: null });
      expect(await runs.finish(run.id, { status: 'succeeded' })).toBeUndefined();
      clock = new Date('2024-05-01T02:00:01.000Z');
      expect(await runs.start(run.id)).toMatchObject({ status: 'running', startedAt: '2024-05-01T02:00:01.000Z' });
      expect(await runs.start(run.id)).toBeUndefined();
      expect(await runs.heartbeat(run.id, { fetched: 1000, nextLink: 'https://graph/…?$skiptoken=x' })).toBe(true);
      const report = { counts: { fetched: 1000, created: 3, skipped: { no_serial: 2 } }, errors: [{ deviceId: 'd1', stage: 'map', code: 'eval', message: 'x' }] };
      clock = new Date('2024-05-01T02:00:09.500Z');
      const finished = await runs.finish(run.id, { status: 'partial', report, error: null });
      expect(finished).toMatchObject({ status: 'partial', finishedAt: '2024-05-01T02:00:09.500Z', report, progress: { fetched: 1000 } });
      expect(await runs.get(run.id)).toEqual(finished);
      expect(await runs.heartbeat(run.id)).toBe(false);
      expect(await runs.finish(run.id, { status: 'failed', error: 'late' })).toBeUndefined();
    });

    test('list is newest first with keyset paging; latest finds the last run', async () => {
      const { runs } = store().repos;
      const connectionId = await connection('history');
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        clock = new Date(Date.UTC(2024, 5, 1, 2, i));
        ids.push((await runs.create({ connectionId })).id);
      }
      const first = await runs.list({ connectionId, limit: 2 });
      const second = await runs.list({ connectionId, limit: 2, after: first.nextCursor ?? '' });
      const third = await runs.list({ connectionId, limit: 2, after: second.nextCursor ?? '' });
      expect([...first.items, ...second.items, ...third.items].map((r) => r.id)).toEqual([...ids].reverse());
      expect(third.nextCursor).toBeNull();
      expect((await runs.latest(connectionId))?.id).toBe(ids[4]);
      expect(await runs.latest(connectionId, { statuses: ['succeeded'] })).toBeUndefined();
    });

    test('run devices insert in bulk and page back in order with counts per outcome', async () => {
      const { runs } = store().repos;
      const run = await runs.create({ connectionId: await connection('devices') });
      const devices: Omit<RunDevice, 'runId'>[] = Array.from({ length: 3000 }, (_, i) => ({
        intuneDeviceId: `dev-${i}`,
        outcome: i % 3 === 0 ? 'skipped' : 'created',
        reason: i % 3 === 0 ? 'no_serial' : null,
        assetId: null,
      }));
      await runs.insertDevices(run.id, devices);
      expect(await runs.countDevices(run.id)).toEqual({ skipped: 1000, created: 2000 });
      const first = await runs.listDevices(run.id, { outcome: 'skipped', limit: 600 });
      const second = await runs.listDevices(run.id, { outcome: 'skipped', limit: 600, after: first.nextAfter ?? 0 });
      expect(first.items[0]).toEqual({ runId: run.id, intuneDeviceId: 'dev-0', outcome: 'skipped', reason: 'no_serial', assetId: null });
      expect(second.items).toHaveLength(400);
      expect(second.nextAfter).toBeNull();
    });
  });
}
