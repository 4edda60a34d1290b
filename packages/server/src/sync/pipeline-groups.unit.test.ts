import { describe, expect, test } from 'vitest';
import type { ManagedDevice } from '../domain/managed-device.js';
import type { SyncPlan } from './plan.js';
import { runSync } from './pipeline.js';
import type { ProgressEvent } from './ports.js';
import type { RunReport } from './run-report.js';
import { FakeDeviceSource } from './testing/fake-source.js';
import { FakeRegister } from './testing/fake-register.js';
import { laptop, testPlan } from './testing/test-plan.js';

const NOW = new Date('2026-11-22T12:00:00Z');
// why: secrets at rest are the secret box's job (tested there); the group filter never touches them.
const secrets = { seal: (s: string) => `sealed(${s})`, open: (s: string) => s.slice(7, -1) };
const SALES = '11111111-1111-4111-8111-111111111111';
const KIOSKS = '22222222-2222-4222-8222-222222222222';

async function sync(source: FakeDeviceSource, register: FakeRegister, plan: SyncPlan, progress: ProgressEvent[] = []): Promise<RunReport> {
  return runSync(plan, { source, register, clock: { now: () => NOW }, secrets }, {
    runId: 'run-1', connectionName: 'Contoso', dryRun: false, signal: new AbortController().signal, settingsHash: 'settings-v1', onProgress: (e) => void progress.push(e),
  });
}

function device(n: number, patch: Partial<ManagedDevice> = {}): ManagedDevice {
  return laptop({ azureADDeviceId: `AAD0000${n}-0000-4000-8000-000000000000`, ...patch });
}

describe('runSync with a group filter', () => {
  test('only members of the listed groups become assets; the rest are skipped as group_excluded', async () => {
    const devices = [device(1), device(2), device(3), device(4), device(5, { azureADDeviceId: null }), device(6, { managedDeviceOwnerType: 'personal' })];
    const source = new FakeDeviceSource(devices);
    source.groups.set(SALES, ['aad00001-0000-4000-8000-000000000000', 'AAD00006-0000-4000-8000-000000000000']);
    source.groups.set(KIOSKS, ['aad00003-0000-4000-8000-000000000000', 'aad00009-0000-4000-8000-000000000000']);
    const register = new FakeRegister();
    const progress: ProgressEvent[] = [];
    const report = await sync(source, register, testPlan({ groupIds: [SALES, KIOSKS] }), progress);

    expect(report).toMatchObject({ status: 'succeeded', fetchComplete: true, notices: [] });
    expect(report.counts).toMatchObject({ fetched: 6, synced: 2, created: 2, unsynced: 4, failed: 0, skipped: { group_excluded: 3, personal_device: 1 } });
    expect([...register.assets.values()].map((a) => a.intuneDeviceId).sort()).toEqual([devices[0]!.id, devices[2]!.id].sort());
    expect(register.outcomes.filter((o) => o.reason === 'group_excluded').map((o) => o.deviceId).sort()).toEqual([devices[1]!.id, devices[3]!.id, devices[4]!.id].sort());
    expect(source.groupReads).toEqual([SALES, KIOSKS]);
    expect(progress.map((p) => p.stage).indexOf('groups')).toBeLessThan(progress.map((p) => p.stage).indexOf('fetch'));
    expect(report.stages.groups).toEqual({ ms: expect.any(Number), devices: 0 });
  });

  test('a device that leaves the group is skipped next run, never retired (it is still in Intune)', async () => {
    const devices = [device(1), device(2)];
    const source = new FakeDeviceSource(devices);
    source.groups.set(SALES, ['aad00001-0000-4000-8000-000000000000', 'aad00002-0000-4000-8000-000000000000']);
    const register = new FakeRegister();
    const plan = testPlan({ groupIds: [SALES], lifecycle: { ...testPlan().lifecycle, deletedStatus: 'retired', retireSafetyPercent: 100 } });
    expect((await sync(source, register, plan)).counts.created).toBe(2);
    source.groups.set(SALES, ['aad00001-0000-4000-8000-000000000000']);
    const second = await sync(source, register, plan);
    expect(second.counts).toMatchObject({ fetched: 2, unchanged: 1, retired: 0, skipped: { group_excluded: 1 } });
    expect(register.lifecycle).toEqual([]);
    expect(register.assets.size).toBe(2);
  });

  test('a group that cannot be read fails the run before any device is read or written', async () => {
    const source = new FakeDeviceSource([device(1), device(2)]);
    source.groups.set(SALES, ['aad00001-0000-4000-8000-000000000000']);
    const register = new FakeRegister();
    register.addAsset({ intuneDeviceId: 'gone-from-intune', serialNumber: 'OLD0001' });
    const missing = '33333333-3333-4333-8333-333333333333';
    const report = await sync(source, register, testPlan({ groupIds: [SALES, missing], lifecycle: { ...testPlan().lifecycle, deletedStatus: 'retired', retireSafetyPercent: 100 } }));

    expect(report).toMatchObject({ status: 'failed', fetchComplete: false });
    expect(report.counts).toMatchObject({ fetched: 0, created: 0, retired: 0, skipped: {} });
    expect(report.notices).toHaveLength(1);
    expect(report.notices[0]).toContain('the group filter (filters.groupIds) could not be read');
    expect(report.notices[0]).toContain(`Entra group ${missing} does not exist`);
    expect(report.notices[0]).toContain('Nothing was retired');
    expect(register.writes).toBe(0);
    expect(register.lifecycle).toEqual([]);
    // Only the two group reads: not one page of devices was requested.
    expect(source.requests).toBe(2);
  });

  test('without a group filter the membership is never read', async () => {
    const source = new FakeDeviceSource([device(1)]);
    const report = await sync(source, new FakeRegister(), testPlan());
    expect(report.counts.created).toBe(1);
    expect(source.groupReads).toEqual([]);
  });
});
