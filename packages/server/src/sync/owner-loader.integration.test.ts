import { describe, expect, test } from 'vitest';
import { laptop, person } from '../runs/testing/scenario.js';
import type { Scenario, ScenarioDevice } from '../runs/testing/scenario.js';
import { connectionDocument, registerOf, useScenarioTenants, syncHarness } from '../runs/testing/sync-harness.js';
import { DIALECTS, useTestStore } from '../store/testing/open-test-store.js';

// why: the production retry table and client, with waits in milliseconds so the fault test ends quickly.
const FAST_RETRIES = { baseDelayMs: 10, maxBackoffMs: 40 };
const LATER = new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const OWNED = 600;

const userId = (n: number): string => `0000beef-0000-4000-8000-${String(n).padStart(12, '0')}`;
const upn = (n: number): string => `user${n}@contoso.example`;

/** 600 owners plus Grace, whose UPN is on the initial domain: devices name her by her mail. */
const users = [
  ...Array.from({ length: OWNED }, (_, i) => person(`user${i + 1}`, { id: userId(i + 1), userPrincipalName: upn(i + 1), mail: upn(i + 1) })),
  person('grace.hopper', { id: userId(9999), userPrincipalName: 'grace@contoso.onmicrosoft.example', mail: 'grace.hopper@contoso.example' }),
];
const devices: ScenarioDevice[] = [...Array.from({ length: OWNED }, (_, i) => laptop(i + 1, { userPrincipalName: upn(i + 1) })), laptop(OWNED + 1, { userPrincipalName: 'Grace.Hopper@contoso.example' })];
const fleet: Scenario = { users, devices };

/** 1 % of the fleet changes owner: to other users, to a mail that is no UPN, to someone not in Entra, in other case. */
const CHANGED: ReadonlyArray<readonly [number, string]> = [
  [1, upn(501)],
  [2, upn(502)],
  [3, upn(503)],
  [4, 'GRACE.HOPPER@contoso.example'],
  [5, 'ghost@contoso.example'],
  [6, 'User7@Contoso.Example'],
];
const changedFleet: Scenario = {
  users,
  devices: devices.map((device, index) => {
    const change = CHANGED.find(([n]) => n === index + 1);
    return change === undefined ? device : { ...device, userPrincipalName: change[1], lastSyncDateTime: LATER };
  }),
};
const ALLOCATION = { allocation: { mdmDrivenUpdates: true, unlinkWhenNoMatch: true } };

// Owners are loaded per page (SPEC §4.4, §4.7): a first sync streams the Entra directory, a re-sync where 1 % of
// devices changed asks Graph for those devices' owners only, and the register is the same either way.
describe.each(DIALECTS)('owner loading on %s', (dialect) => {
  const store = useTestStore(dialect, 'owner loading');
  const tenant = useScenarioTenants();

  test('a first sync reads the directory as a stream; a 1 % re-sync looks up only the changed owners; the register equals a full-directory run', async () => {
    const t = await tenant(fleet);
    const h = syncHarness(store());
    await h.add(connectionDocument(t.emulator, 'Lazy', ALLOCATION));
    const first = await h.run('Lazy');
    expect(first.counts).toMatchObject({ fetched: OWNED + 1, created: OWNED + 1, allocated: OWNED + 1 });
    const afterFirst = t.emulator.stats().byRoute;
    expect(afterFirst['users']).toBe(1);
    expect(afterFirst['batch:users'] ?? 0).toBe(0);

    await t.setScenario(changedFleet);
    const second = await h.run('Lazy');
    expect(second).toMatchObject({ status: 'succeeded', counts: { updated: CHANGED.length, unchanged: OWNED + 1 - CHANGED.length } });
    const afterSecond = t.emulator.stats().byRoute;
    const delta = (route: string): number => (afterSecond[route] ?? 0) - (afterFirst[route] ?? 0);
    expect(delta('users')).toBe(0);
    // Six owners by id/UPN in one batch; the two 404 addresses asked again by mail in a second one.
    expect(delta('batch:users')).toBe(CHANGED.length + 2);
    expect(delta('batch')).toBe(2);
    expect(second.graph.requests).toBe(delta('managedDevices') + delta('batch'));

    await h.add(connectionDocument(t.emulator, 'Full', ALLOCATION));
    const full = await h.run('Full');
    expect(t.emulator.stats().byRoute['users']).toBe(2);
    expect(full.counts).toMatchObject({ created: OWNED + 1 });
    const assignees = async (name: string): Promise<unknown[]> => (await registerOf(store(), name)).map((a) => [a.serialNumber, a.status, a.allocatedToEmail]);
    const lazy = await assignees('Lazy');
    expect(lazy).toEqual(await assignees('Full'));
    const bySerial = new Map(lazy.map((row) => [(row as string[])[0], (row as Array<string | null>)[2]]));
    expect([1, 4, 5, 6].map((n) => bySerial.get(devices[n - 1]?.serialNumber ?? ''))).toEqual([upn(501), 'grace.hopper@contoso.example', null, upn(7)]);
  });

  test('an owner lookup that keeps failing stops the run as a failed directory read does: nothing written, nothing retired', async () => {
    const t = await tenant(fleet);
    const h = syncHarness(store(), { retryPolicy: FAST_RETRIES });
    await h.add(connectionDocument(t.emulator, 'Broken', { ...ALLOCATION, lifecycle: { deletedStatus: 'retired' }, retireSafetyPercent: 100 }));
    await h.run('Broken');
    const before = await registerOf(store(), 'Broken');
    await t.setScenario(changedFleet);
    t.emulator.faults.add({ kind: 'unavailable', route: 'users', count: Infinity });
    const report = await h.run('Broken');
    expect(report).toMatchObject({
      status: 'failed',
      fetchComplete: false,
      counts: { updated: 0, retired: 0 },
      notices: [expect.stringMatching(/before it had seen the whole tenant .*503.*Nothing was retired/)],
    });
    expect(await registerOf(store(), 'Broken')).toEqual(before);
  });
});
