import { describe, expect, test } from 'vitest';
import type { GraphUser } from '../domain/graph-user.js';
import type { ManagedDevice } from '../domain/managed-device.js';
import type { SyncPlan } from './plan.js';
import { runSync } from './pipeline.js';
import type { RunReport } from './run-report.js';
import { FakeDeviceSource } from './testing/fake-source.js';
import { FakeRegister } from './testing/fake-register.js';
import { laptop, testPlan } from './testing/test-plan.js';

const NOW = new Date('2026-11-22T12:00:00Z');
// why: secrets at rest are the secret box's job (tested there); here a reversible marker shows they pass through it.
const secrets = { seal: (s: string) => `sealed(${s})`, open: (s: string) => s.slice(7, -1) };

async function sync(source: FakeDeviceSource, register: FakeRegister, plan: SyncPlan = testPlan(), dryRun = false): Promise<RunReport> {
  return runSync(plan, { source, register, clock: { now: () => NOW }, secrets }, { runId: 'run-1', connectionName: 'Contoso', dryRun, signal: new AbortController().signal, settingsHash: 'settings-v1' });
}

function expectCountsAddUp(report: RunReport): void {
  const { counts } = report;
  const skipped = Object.values(counts.skipped).reduce((a, b) => a + (b ?? 0), 0);
  expect(counts.fetched).toBe(counts.synced + counts.unsynced);
  expect(counts.unsynced).toBe(skipped + counts.failed);
  expect(counts.synced).toBe(counts.created + counts.updated + counts.unchanged);
}

const ada: GraphUser = { id: 'u1', userPrincipalName: 'ada@contoso.com', mail: 'ada@contoso.com', givenName: 'Ada', surname: 'Lovelace' };

describe('runSync', () => {
  test('first run: creates, classifies, allocates (creating the employee), skips with reasons; counts add up', async () => {
    const devices = [
      laptop({ userPrincipalName: 'ada@contoso.com' }),
      laptop(),
      laptop({ managedDeviceOwnerType: 'personal' }),
      laptop({ serialNumber: 'To be filled by O.E.M.' }),
      laptop({ model: 'iPhone 15', operatingSystem: 'iOS', manufacturer: 'Apple' }),
    ];
    const source = new FakeDeviceSource(devices, [ada]);
    const register = new FakeRegister();
    const report = await sync(source, register);
    expect(report.status).toBe('succeeded');
    expect(report.counts).toMatchObject({ fetched: 5, created: 3, synced: 3, unsynced: 2, allocated: 1, usersCreated: 1, skipped: { personal_device: 1, invalid_serial: 1 } });
    expectCountsAddUp(report);
    const allocated = register.byDevice(devices[0]!.id)!;
    expect(allocated).toMatchObject({ statusKey: 'allocated', subStatusId: 'sub:allocated:Issued', categoryId: 'cat:Laptop', allocatedBy: 'intune-connector', allocatedAt: NOW.toISOString(), source: 'intune:conn', sourceConnectionId: 'conn' });
    expect([...register.users.values()][0]).toMatchObject({ email: 'ada@contoso.com', firstName: 'Ada', lastName: 'Lovelace' });
    expect(register.byDevice(devices[1]!.id)).toMatchObject({ statusKey: 'in_store', subStatusId: 'sub:in_store:Ready', conditionId: 'cond:good', allocatedUserId: null });
    expect(register.byDevice(devices[4]!.id)?.categoryId).toBe('cat:Mobile Phone');
    expect(register.outcomes.map((o) => [o.deviceName, o.outcome, o.reason])).toEqual([
      [devices[2]!.deviceName, 'skipped', 'personal_device'],
      [devices[3]!.deviceName, 'skipped', 'invalid_serial'],
    ]);
  });

  test('a second run over an unchanged tenant writes nothing and reports everything unchanged', async () => {
    const source = new FakeDeviceSource([laptop({ userPrincipalName: 'ada@contoso.com' }), laptop(), laptop()], [ada]);
    const register = new FakeRegister();
    await sync(source, register);
    const writesAfterFirst = register.writes;
    const second = await sync(source, register);
    expect(register.writes).toBe(writesAfterFirst);
    expect(second.counts).toMatchObject({ fetched: 3, unchanged: 3, created: 0, updated: 0, usersCreated: 0 });
  });

  test('a changed device is updated field by field; empty Intune values and register-owned fields are kept', async () => {
    const device = laptop({ osVersion: '10.0.22631.1' });
    const source = new FakeDeviceSource([device, laptop()]);
    const register = new FakeRegister();
    await sync(source, register);
    const asset = register.byDevice(device.id)!;
    register.assets.set(asset.id, { ...register.assets.get(asset.id)!, name: 'Reception laptop' });
    source.devicesList[0] = { ...device, osVersion: '10.0.26100.2033', manufacturer: '', deviceName: 'RENAMED', lastSyncDateTime: '2026-11-21T10:00:00Z' };
    const writes = register.writes;
    const report = await sync(source, register);
    expect(report.counts).toMatchObject({ updated: 1, unchanged: 1 });
    expect(register.writes).toBe(writes + 1);
    expect(register.byDevice(device.id)).toMatchObject({ osVersion: '10.0.26100.2033', make: 'Dell Inc.', name: 'Reception laptop' });
  });

  test('two Intune records with one serial: the latest wins across pages, the other is a duplicate, one asset', async () => {
    const old = laptop({ serialNumber: 'REENROL01', deviceName: 'A-OLD', lastSyncDateTime: '2026-10-01T00:00:00Z' });
    const fresh = laptop({ serialNumber: 'reenrol-01', deviceName: 'Z-NEW', lastSyncDateTime: '2026-11-20T00:00:00Z' });
    const source = new FakeDeviceSource([old, laptop(), laptop(), fresh]);
    const register = new FakeRegister();
    const report = await sync(source, register);
    expectCountsAddUp(report);
    expect(report.counts).toMatchObject({ fetched: 4, skipped: { duplicate_serial: 1 } });
    const assets = [...register.assets.values()].filter((a) => a.serialNumber?.toUpperCase().replace(/-/g, '') === 'REENROL01');
    expect(assets).toHaveLength(1);
    expect(assets[0]?.intuneDeviceId).toBe(fresh.id);
    expect(register.outcomes.filter((o) => o.outcome === 'duplicate').map((o) => [o.deviceId, o.deviceName])).toEqual([[old.id, 'A-OLD']]);
    const again = await sync(source, register);
    expectCountsAddUp(again);
    expect(again.counts).toMatchObject({ created: 0, skipped: { duplicate_serial: 1 } });
    expect(register.byDevice(fresh.id)).toBeDefined();
  });

  test('a listing that breaks halfway retires nothing and fails the run; what was read is kept', async () => {
    const devices = Array.from({ length: 9 }, () => laptop());
    const register = new FakeRegister();
    const plan = testPlan({ lifecycle: { ...testPlan().lifecycle, deletedStatus: 'retired', retireSafetyPercent: 100 } });
    await sync(new FakeDeviceSource(devices), register, plan);
    const broken = new FakeDeviceSource(devices);
    broken.failAfterPages = 1;
    const report = await sync(broken, register, plan);
    expect(report.status).toBe('failed');
    expect(report.fetchComplete).toBe(false);
    expect(report.counts.retired).toBe(0);
    expect(register.lifecycle).toEqual([]);
    expect(report.notices[0]).toMatch(/before it had seen the whole tenant \(3 devices read\).*503.*Nothing was retired/);
  });

  test('devices gone from Intune get the deleted status, within the retire-safety share', async () => {
    const devices = Array.from({ length: 10 }, () => laptop());
    const register = new FakeRegister();
    const plan = testPlan({ lifecycle: { ...testPlan().lifecycle, deletedStatus: 'retired', recoveredStatus: 'in_store' } });
    await sync(new FakeDeviceSource(devices), register, plan);
    const report = await sync(new FakeDeviceSource(devices.slice(0, 8)), register, plan);
    expect(report.counts.retired).toBe(2);
    expect(register.byDevice(devices[9]!.id)?.statusKey).toBe('retired');
    const tooMany = await sync(new FakeDeviceSource(devices.slice(0, 2)), register, plan);
    expect(tooMany.counts.retired).toBe(0);
    expect(tooMany.status).toBe('partial');
    expect(tooMany.notices.join()).toMatch(/retire-safety/);
    const back = await sync(new FakeDeviceSource(devices), register, plan);
    expect(back.counts.restored).toBe(2);
    expect(register.byDevice(devices[9]!.id)?.statusKey).toBe('in_store');
  });

  test('a device whose transform fails is a per-device error; the run goes on (partial)', async () => {
    const devices = [laptop(), laptop({ deviceName: 'BOOM' }), laptop()];
    const register = new FakeRegister();
    const report = await sync(new FakeDeviceSource(devices), register);
    expect(report.status).toBe('partial');
    expect(report.counts).toMatchObject({ created: 2, failed: 1 });
    expect(report.errors).toEqual([{ deviceId: devices[1]!.id, stage: 'map', code: 'division_by_zero', message: 'model: division by zero' }]);
    expectCountsAddUp(report);
  });

  test('a device the register rejects fails alone; the rest of its batch is written', async () => {
    const devices = [laptop(), laptop(), laptop(), laptop()];
    const register = new FakeRegister();
    register.poisonDeviceId = devices[1]!.id;
    const report = await sync(new FakeDeviceSource(devices), register);
    expect(report.counts).toMatchObject({ created: 3, failed: 1 });
    expect(report.errors[0]).toMatchObject({ deviceId: devices[1]!.id, stage: 'write', code: 'write_failed' });
  });

  test("a page's skipped devices are written with its last batch, or on their own when that batch fails", async () => {
    const devices = [laptop(), laptop({ managedDeviceOwnerType: 'personal' }), laptop(), laptop({ serialNumber: 'To be filled by O.E.M.' })];
    const onePage = (): FakeDeviceSource => Object.assign(new FakeDeviceSource(devices), { pageSize: 10 });
    const register = new FakeRegister();
    await sync(onePage(), register);
    expect(register.transactions).toBe(1);
    expect(register.outcomes.map((o) => o.reason)).toEqual(['personal_device', 'invalid_serial']);

    const poisoned = new FakeRegister();
    poisoned.poisonDeviceId = devices[2]!.id;
    const report = await sync(onePage(), poisoned);
    expect(report.counts).toMatchObject({ created: 1, failed: 1 });
    expect(poisoned.outcomes.map((o) => [o.deviceId, o.outcome, o.reason])).toEqual([
      [devices[1]!.id, 'skipped', 'personal_device'],
      [devices[3]!.id, 'skipped', 'invalid_serial'],
      [devices[2]!.id, 'failed', 'write:write_failed'],
    ]);
  });

  test('a dry run writes nothing and returns the full diff', async () => {
    const devices = [laptop({ userPrincipalName: 'ada@contoso.com' }), laptop({ managedDeviceOwnerType: 'personal' })];
    const register = new FakeRegister();
    const report = await sync(new FakeDeviceSource(devices, [ada]), register, testPlan({ allocation: { ...testPlan().allocation, createMissingUsers: false } }), true);
    expect(register.writes).toBe(0);
    expect(report.dryRun).toBe(true);
    const byDevice = new Map(report.diff?.map((d) => [d.deviceId, d]));
    expect(byDevice.get(devices[0]!.id)).toMatchObject({ action: 'create', changes: expect.arrayContaining([{ field: 'serialNumber', old: null, new: devices[0]!.serialNumber }, { field: 'statusKey', old: null, new: 'in_store' }]) });
    expect(byDevice.get(devices[1]!.id)).toMatchObject({ action: 'skip', reason: 'personal_device' });
    expect(report.counts).toMatchObject({ created: 1, allocated: 0 });
  });

  test('GET-only fields are fetched only for new devices and devices whose lastSyncDateTime moved', async () => {
    const devices = [laptop(), laptop()];
    const source = new FakeDeviceSource(devices);
    for (const d of devices) source.getOnly.set(d.id, { physicalMemoryInBytes: 17179869184 });
    const register = new FakeRegister();
    const plan = testPlan({ enrichFields: ['physicalMemoryInBytes'] });
    await sync(source, register, plan);
    expect(source.enrichedIds).toEqual(devices.map((d) => d.id));
    expect(register.byDevice(devices[0]!.id)?.memoryGb).toBe(16);
    source.enrichedIds = [];
    source.devicesList[1] = { ...devices[1]!, lastSyncDateTime: '2026-11-21T00:00:00Z' } as ManagedDevice;
    await sync(source, register, plan);
    expect(source.enrichedIds).toEqual([devices[1]!.id]);
  });

  test('"do not create new assets" only updates matches', async () => {
    const register = new FakeRegister();
    const existing = laptop();
    register.addAsset({ serialNumber: existing.serialNumber ?? null, sourceConnectionId: 'conn' });
    const report = await sync(new FakeDeviceSource([existing, laptop()]), register, testPlan({ match: { field: 'serialNumber', createNew: false } }));
    expect(report.counts).toMatchObject({ updated: 1, created: 0, skipped: { create_disabled: 1 } });
    expect(register.byDevice(existing.id)).toBeDefined();
  });

  test('existing assignees are kept unless MDM-driven updates are on (and then only for Allocated assets)', async () => {
    const grace: GraphUser = { id: 'u2', userPrincipalName: 'grace@contoso.com', mail: 'grace@contoso.com', givenName: 'Grace', surname: 'Hopper' };
    const device = laptop({ userPrincipalName: 'ada@contoso.com' });
    const source = new FakeDeviceSource([device], [ada, grace]);
    const register = new FakeRegister();
    await sync(source, register);
    const adaId = register.byDevice(device.id)?.allocatedUserId;
    source.devicesList[0] = { ...device, userPrincipalName: 'grace@contoso.com', lastSyncDateTime: '2026-11-21T00:00:00Z' };
    await sync(source, register);
    expect(register.byDevice(device.id)?.allocatedUserId).toBe(adaId);
    source.devicesList[0] = { ...device, userPrincipalName: 'grace@contoso.com', lastSyncDateTime: '2026-11-22T00:00:00Z' };
    const report = await sync(source, register, testPlan({ allocation: { ...testPlan().allocation, mdmDrivenUpdates: true } }));
    expect(report.counts.allocated).toBe(1);
    const graceId = [...register.users.values()].find((u) => u.email === 'grace@contoso.com')?.id;
    expect(register.byDevice(device.id)?.allocatedUserId).toBe(graceId);
  });
});
