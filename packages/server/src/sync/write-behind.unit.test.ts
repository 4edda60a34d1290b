import { describe, expect, test, vi } from 'vitest';
import type { SyncPlan } from './plan.js';
import { runSync } from './pipeline.js';
import type { RunReport } from './run-report.js';
import { FakeDeviceSource } from './testing/fake-source.js';
import { FakeRegister } from './testing/fake-register.js';
import { laptop, testPlan } from './testing/test-plan.js';
import { WriteBehind } from './write-behind.js';

const NOW = new Date('2026-11-22T12:00:00Z');
// why: secrets at rest are the secret box's job; here they only pass through.
const secrets = { seal: (s: string) => s, open: (s: string) => s };

function sync(source: FakeDeviceSource, register: FakeRegister, plan: SyncPlan = testPlan()): Promise<RunReport> {
  return runSync(plan, { source, register, clock: { now: () => NOW }, secrets }, { runId: 'run-1', connectionName: 'Contoso', dryRun: false, signal: new AbortController().signal, settingsHash: 'v1' });
}

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve = (): void => undefined;
  let reject = (_error: Error): void => undefined;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settled = async (promise: Promise<unknown>): Promise<boolean> => {
  let done = false;
  void promise.then(() => (done = true), () => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 5));
  return done;
};

describe('WriteBehind', () => {
  test('a page waits only for the unfinished writes that carry one of its keys, and for room', async () => {
    const writes = new WriteBehind({ maxPages: 3 });
    const first = deferred();
    const second = deferred();
    writes.add(new Set(['serial\u0000A']), [first.promise]);
    writes.add(new Set(['serial\u0000B']), [second.promise]);
    expect(await settled(writes.before(['serial\u0000C']))).toBe(true);
    const waitsForB = writes.before(['serial\u0000B']);
    expect(await settled(waitsForB)).toBe(false);
    // Page B's writes are done, but page A's retries may still queue behind them: both are waited for.
    second.resolve();
    expect(await settled(waitsForB)).toBe(false);
    first.resolve();
    expect(await settled(waitsForB)).toBe(true);

    const a = deferred();
    const b = deferred();
    const c = deferred();
    writes.add(new Set(), [a.promise]);
    writes.add(new Set(), [b.promise]);
    writes.add(new Set(), [c.promise]);
    const room = writes.before([]);
    expect(await settled(room)).toBe(false);
    a.resolve();
    expect(await settled(room)).toBe(true);
    b.resolve();
    c.resolve();
    await writes.settle();
  });

  test('a write that stops the run fails the next page and settle(); idle() only waits', async () => {
    const writes = new WriteBehind();
    const refused = deferred();
    writes.add(new Set(), [refused.promise]);
    refused.reject(new Error('the register refused every write of a batch: disk I/O error'));
    await writes.idle();
    await expect(writes.before([])).rejects.toThrow(/refused every write/);
    await expect(writes.settle()).rejects.toThrow(/refused every write/);
  });
});

describe('runSync with writes that land later (write-behind)', () => {
  test('the next page is read while the last one is written, and the register is the same as with immediate writes', async () => {
    const devices = Array.from({ length: 12 }, (_, i) => laptop({ userPrincipalName: i % 2 === 0 ? 'ada@contoso.com' : null }));
    const users = [{ id: 'u1', userPrincipalName: 'ada@contoso.com', mail: 'ada@contoso.com', givenName: 'Ada', surname: 'Lovelace' }];
    let release = (): void => undefined;
    const lagging = Object.assign(new FakeRegister(), { lagMs: 1, holdWrites: new Promise<void>((resolve) => (release = resolve)) });
    const running = sync(new FakeDeviceSource(devices, users), lagging);
    // The second page is looked up while the first page's writes are still held back.
    await vi.waitFor(() => expect(lagging.events.filter((e) => e.startsWith('lookup')).length).toBeGreaterThan(1));
    expect(lagging.events.filter((e) => e.startsWith('written'))).toEqual([]);
    release();
    const report = await running;
    expect(lagging.pendingWrites).toBe(0);

    const immediate = new FakeRegister();
    const reference = await sync(new FakeDeviceSource(devices, users), immediate);
    expect(report.counts).toEqual(reference.counts);
    const shape = (r: FakeRegister) => [...r.assets.values()].map((a) => [a.intuneDeviceId, a.serialNumber, a.statusKey, a.allocatedUserId === null]).sort();
    expect(shape(lagging)).toEqual(shape(immediate));
    expect(lagging.users.size).toBe(1);
  });

  test("a device with the serial of an earlier page's unfinished create waits for it: one asset, the older record a duplicate", async () => {
    const old = laptop({ serialNumber: 'REENROL01', deviceName: 'A-OLD', lastSyncDateTime: '2026-10-01T00:00:00Z' });
    const fresh = laptop({ serialNumber: 'reenrol-01', deviceName: 'Z-NEW', lastSyncDateTime: '2026-11-20T00:00:00Z' });
    const devices = [old, laptop(), laptop(), fresh, laptop(), laptop()];
    const register = Object.assign(new FakeRegister(), { lagMs: 5 });
    const report = await sync(Object.assign(new FakeDeviceSource(devices), { pageSize: 3 }), register);
    expect(report.counts).toMatchObject({ fetched: 6, skipped: { duplicate_serial: 1 } });
    expect(report.counts).toEqual((await sync(Object.assign(new FakeDeviceSource(devices), { pageSize: 3 }), new FakeRegister())).counts);
    const assets = [...register.assets.values()].filter((a) => a.serialNumber?.toUpperCase().replace(/-/g, '') === 'REENROL01');
    expect(assets.map((a) => a.intuneDeviceId)).toEqual([fresh.id]);
    expect(register.outcomes.filter((o) => o.outcome === 'duplicate').map((o) => o.deviceId)).toEqual([old.id]);
  });

  test("matching by name: a device named like an earlier page's unfinished create finds that asset instead of making a second", async () => {
    const plan = testPlan({ match: { field: 'name', createNew: true } });
    const first = laptop({ deviceName: 'LAPTOP-SHARED', lastSyncDateTime: '2026-11-01T00:00:00Z' });
    const second = laptop({ deviceName: 'laptop-shared', lastSyncDateTime: '2026-11-02T00:00:00Z' });
    const register = Object.assign(new FakeRegister(), { lagMs: 5 });
    const report = await sync(Object.assign(new FakeDeviceSource([first, laptop(), laptop(), second]), { pageSize: 3 }), register, plan);
    const named = [...register.assets.values()].filter((a) => a.name?.toLowerCase() === 'laptop-shared');
    expect(named).toHaveLength(1);
    expect(report.counts.created).toBe(3);
    expect(register.pendingWrites).toBe(0);
  });

  test('an owner new to the register on two pages gets one employee: the second page allocates to the one still being written', async () => {
    const grace = { id: 'u2', userPrincipalName: 'grace@contoso.com', mail: 'grace@contoso.com', givenName: 'Grace', surname: 'Hopper' };
    const devices = [laptop({ userPrincipalName: 'grace@contoso.com' }), laptop(), laptop(), laptop({ userPrincipalName: 'grace@contoso.com' })];
    const register = Object.assign(new FakeRegister(), { lagMs: 5 });
    const report = await sync(Object.assign(new FakeDeviceSource(devices, [grace]), { pageSize: 3 }), register);
    expect(report.counts).toMatchObject({ created: 4, allocated: 2, usersCreated: 1 });
    expect([...register.users.values()].map((u) => u.email)).toEqual(['grace@contoso.com']);
    const owner = [...register.users.values()][0]?.id;
    expect([devices[0]!.id, devices[3]!.id].map((id) => register.byDevice(id)?.allocatedUserId)).toEqual([owner, owner]);
  });

  test('a page that fails halfway through its diff stops the run only once the batches it already asked for have landed', async () => {
    const register = Object.assign(new FakeRegister(), { lagMs: 5 });
    let asked = 0;
    const categoryId = register.references.categoryId;
    register.references.categoryId = async (input) => {
      asked += 1;
      if (asked === 4) throw new Error('SQLITE_IOERR: disk I/O error');
      return categoryId(input);
    };
    const report = await sync(Object.assign(new FakeDeviceSource(Array.from({ length: 6 }, () => laptop())), { pageSize: 10 }), register);
    expect(report.status).toBe('failed');
    expect(report.notices.join(' ')).toMatch(/SQLITE_IOERR/);
    expect(register.pendingWrites).toBe(0);
    expect(register.assets.size).toBe(2);
  });

  test('a register that refuses every write stops the run; nothing is written after the run returns', async () => {
    const devices = Array.from({ length: 9 }, () => laptop());
    const register = new FakeRegister();
    let asked = 0;
    register.writeBatch = async () => {
      asked += 1;
      await new Promise((resolve) => setTimeout(resolve, 2));
      throw new Error('SQLITE_FULL: database or disk is full');
    };
    const report = await sync(new FakeDeviceSource(devices), register);
    expect(report.status).toBe('failed');
    expect(report.notices.join(' ')).toMatch(/The run stopped.*SQLITE_FULL: database or disk is full/);
    expect(register.lifecycle).toEqual([]);
    expect(report.counts.created).toBe(0);
    const askedWhenReturned = asked;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked).toBe(askedWhenReturned);
  });
});
