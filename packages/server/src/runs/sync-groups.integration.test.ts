import { describe, expect, test } from 'vitest';
import { DEFAULT_PERMISSIONS } from '../emulator/graph-routes.js';
import type { EmulatorOptions } from '../emulator/index.js';
import { DIALECTS, useTestStore } from '../store/testing/open-test-store.js';
import { laptop, laptops } from './testing/scenario.js';
import type { Scenario } from './testing/scenario.js';
import { connectionDocument, countsAddUp, registerOf, useScenarioTenants, syncHarness, writeMarks } from './testing/sync-harness.js';
import type { ScenarioTenant } from './testing/sync-harness.js';

const SALES = '5a1e5000-0000-4000-8000-000000000001';
const KIOSKS = '5a1e5000-0000-4000-8000-000000000002';
const MISSING = '5a1e5000-0000-4000-8000-0000000000ff';

/** A scenario's Entra group: its device members by azureADDeviceId (the scenario file's `groups`). */
interface ScenarioGroup {
  readonly id: string;
  readonly displayName: string;
  readonly deviceIds: readonly string[];
}

const aadOf = (n: number): string => laptop(n).azureADDeviceId ?? '';

// The group include filter (SPEC §4.2) from the connection JSON through the emulated tenant's
// groups/{id}/transitiveMembers/microsoft.graph.device, msal-node and the register on both databases.
describe.each(DIALECTS)('sync group filter on %s', (dialect) => {
  const store = useTestStore(dialect, 'sync groups');
  const start = useScenarioTenants();
  const tenant = (groups: readonly ScenarioGroup[], options: Omit<EmulatorOptions, 'scenarioFile' | 'log'> = {}): Promise<ScenarioTenant> => {
    const scenario: Scenario & { groups: readonly ScenarioGroup[] } = { devices: laptops(1, 6), groups };
    return start(scenario, options);
  };
  const groups: ScenarioGroup[] = [
    // Graph may spell a deviceId in any case; Intune's azureADDeviceId is compared without case.
    { id: SALES, displayName: 'Sales Devices', deviceIds: [aadOf(1).toUpperCase(), aadOf(2)] },
    { id: KIOSKS, displayName: 'Kiosk iPads', deviceIds: [aadOf(4), 'aad00000-0000-4000-8000-0000000000ee'] },
    { id: '5a1e5000-0000-4000-8000-000000000003', displayName: 'Not listed', deviceIds: [aadOf(5)] },
  ];

  test('only devices of the listed groups become assets; the others are skipped as group_excluded', async () => {
    const t = await tenant(groups);
    const h = syncHarness(store());
    await h.add(connectionDocument(t.emulator, 'Groups', { filters: { groupIds: [SALES, KIOSKS] } }));
    const report = await h.run('Groups');
    expect(report).toMatchObject({ status: 'succeeded', fetchComplete: true, errors: [], notices: [] });
    expect(report.counts).toMatchObject({ fetched: 6, synced: 3, created: 3, unsynced: 3, failed: 0, skipped: { group_excluded: 3 } });
    expect(countsAddUp(report)).toBe(true);
    expect((await registerOf(store(), 'Groups')).map((a) => a.serialNumber)).toEqual(['SN000001X', 'SN000002X', 'SN000004X']);
    const skipped = await store().db.selectFrom('run_devices').select(['intune_device_id', 'reason']).where('run_id', '=', report.runId).where('outcome', '=', 'skipped').execute();
    expect(skipped.map((s) => [s.intune_device_id, s.reason]).sort()).toEqual([
      [laptop(3).id, 'group_excluded'], [laptop(5).id, 'group_excluded'], [laptop(6).id, 'group_excluded'],
    ]);
    // Two small groups: one request each, charged to the run like every other Graph call.
    expect(t.emulator.stats().byRoute['groups']).toBe(2);
  });

  test('an unknown group fails the run before anything is written, naming the group', async () => {
    const t = await tenant(groups);
    const h = syncHarness(store());
    await h.add(connectionDocument(t.emulator, 'Unknown', { filters: { groupIds: [SALES, MISSING] } }));
    const before = await writeMarks(store());
    const report = await h.run('Unknown');
    expect(report).toMatchObject({ status: 'failed', fetchComplete: false, counts: { fetched: 0, created: 0, skipped: {} } });
    expect(report.notices.join('\n')).toContain(`Entra group ${MISSING} does not exist`);
    expect(await writeMarks(store())).toEqual(before);
    expect(t.emulator.stats().byRoute['managedDevices'] ?? 0).toBe(0);
  });

  test('without GroupMember.Read.All the run fails and says which permission to grant', async () => {
    const t = await tenant(groups, { permissions: DEFAULT_PERMISSIONS.filter((p) => p !== 'GroupMember.Read.All') });
    const h = syncHarness(store());
    await h.add(connectionDocument(t.emulator, 'Denied', { filters: { groupIds: [SALES] } }));
    const report = await h.run('Denied');
    expect(report.status).toBe('failed');
    expect(report.notices.join('\n')).toMatch(new RegExp(`grant GroupMember\\.Read\\.All .*Entra group ${SALES}`));
    expect(await registerOf(store(), 'Denied')).toEqual([]);
  });

  test('without Device.Read.All the members have no deviceId: the run fails instead of skipping every device', async () => {
    const t = await tenant(groups, { permissions: DEFAULT_PERMISSIONS.filter((p) => p !== 'Device.Read.All') });
    const h = syncHarness(store());
    await h.add(connectionDocument(t.emulator, 'Limited', { filters: { groupIds: [SALES] } }));
    const report = await h.run('Limited');
    expect(report.status).toBe('failed');
    expect(report.counts.skipped).toEqual({});
    expect(report.notices.join('\n')).toContain('grant Device.Read.All');
  });
});
