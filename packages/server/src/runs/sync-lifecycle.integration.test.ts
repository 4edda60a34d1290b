import { describe, expect, test } from 'vitest';
import type { Store } from '../store/connect.js';
import { DIALECTS, useTestStore } from '../store/testing/open-test-store.js';
import { deviceId, laptop, laptops, person, RECENT } from './testing/scenario.js';
import type { Scenario, ScenarioDevice } from './testing/scenario.js';
import { connectionDocument, countsAddUp, registerOf, useScenarioTenants, syncHarness } from './testing/sync-harness.js';

const LATER = new Date(Date.parse(RECENT) + 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const TEN_DAYS_AGO = new Date(Date.parse(RECENT) - 10 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const upn = (local: string): string => `${local}@contoso.example`;

async function registerUser(store: Store, connectionName: string, local: string): Promise<void> {
  const connection = await store.repos.connections.getByName(connectionName);
  if (!connection) throw new Error(`no connection ${connectionName}`);
  const [first = local, last = 'Doe'] = local.split('.');
  await store.repos.users.insert({ departmentId: connection.departmentId, email: upn(local), firstName: first, lastName: last, source: 'import' });
}

// Auto allocation (SPEC §4.7) and lifecycle (§4.8) through the real emulator and register on both databases.
describe.each(DIALECTS)('sync allocation and lifecycle on %s', (dialect) => {
  const store = useTestStore(dialect, 'sync lifecycle');
  const tenant = useScenarioTenants();
  const owners: Scenario = {
    users: [person('alice.smith'), person('bob', { surname: null }), person('carol.jones')],
    devices: [
      laptop(1, { userPrincipalName: upn('alice.smith') }),
      laptop(2, { userPrincipalName: upn('bob') }),
      laptop(3, { userPrincipalName: upn('CAROL.JONES').toUpperCase() }),
      laptop(4, { userPrincipalName: upn('dave') }),
      laptop(5, { userPrincipalName: null }),
    ],
  };

  test('auto allocation: owner UPN → user email without case; employees created only with email, first and last name', async () => {
    const t = await tenant(owners);
    const h = syncHarness(store());
    await h.add(connectionDocument(t.emulator, 'Alloc', { allocation: { subStatus: 'Issued', usageType: 'Permanent' } }));
    await registerUser(store(), 'Alloc', 'carol.jones');
    const report = await h.run('Alloc');
    expect(report).toMatchObject({ status: 'succeeded', counts: { fetched: 5, created: 5, allocated: 2, usersCreated: 1 } });
    expect(countsAddUp(report)).toBe(true);
    expect((await registerOf(store(), 'Alloc')).map((a) => [a.serialNumber, a.status, a.subStatus, a.usageType, a.allocatedToEmail])).toEqual([
      ['SN000001X', 'allocated', 'Issued', 'Permanent', upn('alice.smith')],
      ['SN000002X', 'in_store', null, null, null],
      ['SN000003X', 'allocated', 'Issued', 'Permanent', upn('carol.jones')],
      ['SN000004X', 'in_store', null, null, null],
      ['SN000005X', 'in_store', null, null, null],
    ]);
    const created = await store().db.selectFrom('users').select(['email', 'first_name', 'last_name', 'source']).where('email', '=', upn('alice.smith')).execute();
    expect(created).toEqual([{ email: upn('alice.smith'), first_name: 'Alice', last_name: 'Smith', source: expect.stringMatching(/^intune:/) }]);
    const history = await store().db.selectFrom('allocation_history').select(['action', 'run_id']).where('run_id', '=', report.runId).execute();
    expect(history).toHaveLength(2);
  });

  test('createMissingUsers false: only owners already in the register are allocated', async () => {
    const t = await tenant(owners);
    const h = syncHarness(store());
    await h.add(connectionDocument(t.emulator, 'NoUsers', { allocation: { createMissingUsers: false } }));
    await registerUser(store(), 'NoUsers', 'carol.jones');
    const report = await h.run('NoUsers');
    expect(report.counts).toMatchObject({ created: 5, allocated: 1, usersCreated: 0 });
    expect((await registerOf(store(), 'NoUsers')).filter((a) => a.allocatedToEmail !== null).map((a) => a.serialNumber)).toEqual(['SN000003X']);
  });

  test('unlinkWhenNoMatch: an owner no user matches keeps the assignee unless the analyst chose to unlink', async () => {
    const t = await tenant({ users: [person('carol.jones')], devices: [laptop(1, { userPrincipalName: upn('carol.jones') })] });
    const h = syncHarness(store());
    const base = connectionDocument(t.emulator, 'Unlink', { allocation: { createMissingUsers: false } });
    await h.add(base);
    await registerUser(store(), 'Unlink', 'carol.jones');
    await h.run('Unlink');
    await t.setScenario({ users: [person('carol.jones')], devices: [laptop(1, { userPrincipalName: upn('dave'), lastSyncDateTime: LATER })] });
    await h.run('Unlink');
    expect((await registerOf(store(), 'Unlink')).map((a) => [a.status, a.allocatedToEmail])).toEqual([['allocated', upn('carol.jones')]]);
    await h.connections.add({ ...base, allocation: { createMissingUsers: false, unlinkWhenNoMatch: true } }, { replaceExisting: true });
    const report = await h.run('Unlink');
    expect(report.counts).toMatchObject({ updated: 1 });
    expect((await registerOf(store(), 'Unlink')).map((a) => [a.status, a.allocatedToEmail])).toEqual([['in_store', null]]);
  });

  test('mdmDrivenUpdates: Intune moves the assignee only when opted in, and only for Allocated / In transit assets', async () => {
    const carol = { users: [person('carol.jones'), person('erin.lee')], devices: [laptop(1, { userPrincipalName: upn('carol.jones') }), laptop(2, { userPrincipalName: upn('carol.jones') })] };
    const t = await tenant(carol);
    const h = syncHarness(store());
    const base = connectionDocument(t.emulator, 'Mdm');
    await h.add(base);
    await h.run('Mdm');
    const department = (await store().repos.connections.getByName('Mdm'))?.departmentId ?? '';
    await store().db.updateTable('fixed_assets').set({ status_key: 'in_repair' }).where('serial_number', '=', 'SN000002X').where('department_id', '=', department).execute();
    await t.setScenario({ ...carol, devices: laptops(1, 2, { userPrincipalName: upn('erin.lee'), lastSyncDateTime: LATER }) });
    const kept = await h.run('Mdm');
    expect(kept.counts).toMatchObject({ usersCreated: 1, allocated: 0 });
    const assignees = async (): Promise<unknown[]> => (await registerOf(store(), 'Mdm')).map((a) => [a.status, a.allocatedToEmail]);
    expect(await assignees()).toEqual([['allocated', upn('carol.jones')], ['in_repair', upn('carol.jones')]]);
    await h.connections.add({ ...base, allocation: { mdmDrivenUpdates: true } }, { replaceExisting: true });
    const moved = await h.run('Mdm');
    expect(moved.counts).toMatchObject({ allocated: 1 });
    expect(await assignees()).toEqual([['allocated', upn('erin.lee')], ['in_repair', upn('carol.jones')]]);
  });

  test('deleted from Intune → deletedStatus; more than the retire-safety share is refused; a device back → recoveredStatus', async () => {
    const devices: ScenarioDevice[] = laptops(1, 10);
    const t = await tenant({ devices });
    const h = syncHarness(store());
    await h.add(connectionDocument(t.emulator, 'Life', { lifecycle: { deletedStatus: 'missing', recoveredStatus: 'in_store' } }));
    await h.run('Life');
    const [removed] = t.emulator.fleet.remove(1);
    const deleted = await h.run('Life');
    expect(deleted).toMatchObject({ status: 'succeeded', notices: [], counts: { fetched: 9, unchanged: 9, retired: 1 } });
    const statusOf = async (id: string | undefined): Promise<string | undefined> => (await registerOf(store(), 'Life')).find((a) => a.intuneDeviceId === id)?.status;
    expect(await statusOf(removed)).toBe('missing');

    const remaining = devices.filter((d) => d.id !== removed);
    await t.setScenario({ devices: remaining.slice(3) });
    const refused = await h.run('Life');
    expect(refused).toMatchObject({ status: 'partial', counts: { fetched: 6, retired: 0 }, notices: [expect.stringMatching(/3 of the connection's 10 assets .* retire-safety limit of 20% \(2\)/)] });
    expect((await registerOf(store(), 'Life')).filter((a) => a.status === 'missing')).toHaveLength(1);

    await t.setScenario({ devices });
    const back = await h.run('Life');
    expect(back).toMatchObject({ status: 'succeeded', counts: { fetched: 10, restored: 1, retired: 0 } });
    const register = await registerOf(store(), 'Life');
    expect(register.map((a) => [a.status, a.missingFromSourceSince])).toEqual(Array.from({ length: 10 }, () => ['in_store', null]));
  });

  test('inactiveAfterDays: a device silent for longer becomes inactive; managementState retirePending is recorded', async () => {
    const t = await tenant({ devices: [laptop(1, { lastSyncDateTime: TEN_DAYS_AGO }), laptop(2, { managementState: 'retirePending' }), laptop(3)] });
    const h = syncHarness(store());
    await h.add(connectionDocument(t.emulator, 'Inactive', { lifecycle: { inactiveAfterDays: 2 } }));
    const report = await h.run('Inactive');
    expect(report).toMatchObject({ status: 'succeeded', counts: { created: 3, inactivated: 1 } });
    expect((await registerOf(store(), 'Inactive')).map((a) => [a.intuneDeviceId, a.status, a.managementState])).toEqual([
      [deviceId(1), 'inactive', 'managed'],
      [deviceId(2), 'in_store', 'retirePending'],
      [deviceId(3), 'in_store', 'managed'],
    ]);
    const again = await h.run('Inactive');
    expect(again.counts).toMatchObject({ unchanged: 3, inactivated: 0 });
  });
});
