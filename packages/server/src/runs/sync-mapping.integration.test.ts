import { describe, expect, test } from 'vitest';
import type { Store } from '../store/connect.js';
import { DIALECTS, useTestStore } from '../store/testing/open-test-store.js';
import { deviceId, laptop, laptops, RECENT } from './testing/scenario.js';
import { connectionDocument, countsAddUp, registerOf, useScenarioTenants, syncHarness } from './testing/sync-harness.js';

const GIB = 1_073_741_824;
const LATER = new Date(Date.parse(RECENT) + 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const BY_ANALYST = { actor: { type: 'user', id: 'analyst-1' }, source: 'user:analyst-1' } as const;

async function handAsset(store: Store, connectionName: string, fields: Record<string, string>): Promise<string> {
  const connection = await store.repos.connections.getByName(connectionName);
  if (!connection) throw new Error(`no connection ${connectionName}`);
  const asset = await store.repos.assets.insert({ departmentId: connection.departmentId, source: 'user:analyst-1', ...fields }, BY_ANALYST);
  return asset.id;
}

// Key field mapping with transforms and enrichment, null protection, source of truth (SPEC §4.4, §4.6), matching
// and duplicates (§4.7).
describe.each(DIALECTS)('sync mapping and matching on %s', (dialect) => {
  const store = useTestStore(dialect, 'sync mapping');
  const tenant = useScenarioTenants();

  test('memoryGb from a GET-only field: enriched by $select GETs for new and changed devices only', async () => {
    const devices = laptops(1, 25);
    const t = await tenant({ devices });
    const h = syncHarness(store());
    await h.add(connectionDocument(t.emulator, 'Memory', { mapping: { fields: { memoryGb: { expression: 'PhysicalMemoryBytes / 1073741824.0' } } } }));
    const first = await h.run('Memory');
    expect(first.counts).toMatchObject({ fetched: 25, created: 25 });
    expect(first.stages.enrich.devices).toBe(25);
    // 25 GETs in $batch requests of 20.
    expect(t.emulator.stats().byRoute['batch']).toBe(2);
    expect(new Set((await registerOf(store(), 'Memory')).map((a) => a.memoryGb))).toEqual(new Set([16]));

    const unchanged = await h.run('Memory');
    expect(unchanged.counts).toMatchObject({ fetched: 25, unchanged: 25, updated: 0 });
    expect(unchanged.stages.enrich.devices).toBe(0);
    expect(t.emulator.stats().byRoute['batch']).toBe(2);

    devices[2] = laptop(3, { lastSyncDateTime: LATER, physicalMemoryInBytes: 32 * GIB });
    devices[4] = laptop(5, { lastSyncDateTime: LATER, physicalMemoryInBytes: 8 * GIB });
    await t.setScenario({ devices });
    const changed = await h.run('Memory');
    expect(changed.counts).toMatchObject({ fetched: 25, updated: 2, unchanged: 23 });
    expect(changed.stages.enrich.devices).toBe(2);
    expect(t.emulator.stats().byRoute['batch']).toBe(3);
    const register = await registerOf(store(), 'Memory');
    expect(register.filter((a) => a.memoryGb !== 16).map((a) => [a.serialNumber, a.memoryGb])).toEqual([['SN000003X', 32], ['SN000005X', 8]]);
  });

  test('null protection: an empty Intune value never overwrites; a register-owned field is left to the analyst', async () => {
    const t = await tenant({ devices: laptops(1, 3) });
    const h = syncHarness(store());
    // A blank model makes the device's type unknown, which would skip it before null protection is reached.
    await h.add(connectionDocument(t.emulator, 'Nulls', { filters: { excludeUnknownType: false }, classification: { mode: 'single', category: 'Computers' }, mapping: { fields: { make: { sourceOfTruth: 'register' } } } }));
    await h.run('Nulls');
    await t.setScenario({
      devices: [
        laptop(1, { model: '', osVersion: '10.0.26100.1', lastSyncDateTime: LATER }),
        laptop(2, { manufacturer: 'Dell Technologies', deviceName: 'RENAMED-2', lastSyncDateTime: LATER }),
        laptop(3, { totalStorageSpaceInBytes: 0, lastSyncDateTime: LATER }),
      ],
    });
    const report = await h.run('Nulls');
    // Only device 1 changed a register field (osVersion). Devices 2 and 3 only checked in: their blank or
    // register-owned values change nothing, so they are unchanged (their last-seen time is still written).
    expect(report).toMatchObject({ status: 'succeeded', counts: { updated: 1, unchanged: 2 } });
    const lastSeen = (await registerOf(store(), 'Nulls')).map((a) => a.lastSeenInSourceAt);
    expect(new Set(lastSeen)).toEqual(new Set([new Date(LATER).toISOString()]));
    const register = await registerOf(store(), 'Nulls');
    expect(register.map((a) => [a.serialNumber, a.name, a.make, a.model, a.osVersion, a.storageGb])).toEqual([
      ['SN000001X', 'LAP-0001', 'Dell Inc.', 'Latitude 7440', '10.0.26100.1', 256],
      ['SN000002X', 'LAP-0002', 'Dell Inc.', 'Latitude 7440', '10.0.22631.3447', 256],
      ['SN000003X', 'LAP-0003', 'Dell Inc.', 'Latitude 7440', '10.0.22631.3447', 256],
    ]);
  });

  test.each([
    { field: 'serialNumber', hand: { serialNumber: 'sn-000001x' } },
    { field: 'name', hand: { name: 'lap-0001' } },
    { field: 'mac', hand: { wifiMac: '00:00:00:00:00:01' } },
    // Lower case as Graph writes it: the Azure AD device id is compared case-sensitively (see the report).
    { field: 'azureAdDeviceId', hand: { azureAdDeviceId: 'aad00000-0000-4000-8000-000000000001' } },
  ])('matching by $field links the analyst\'s asset instead of creating one', async ({ field, hand }) => {
    const t = await tenant({ devices: laptops(1, 2) });
    const h = syncHarness(store());
    const name = `Match-${field}`;
    await h.add(connectionDocument(t.emulator, name, { matching: { field } }));
    const assetId = await handAsset(store(), name, { ...hand, make: 'Typed by hand' });
    const report = await h.run(name);
    expect(report.counts).toMatchObject({ fetched: 2, created: 1, updated: 1 });
    const linked = await store().repos.assets.get(assetId);
    expect(linked).toMatchObject({ intuneDeviceId: deviceId(1), make: 'Dell Inc.', model: 'Latitude 7440' });
    expect(await registerOf(store(), name)).toHaveLength(2);
  });

  test('createNew false: matched assets are enriched, the rest is skipped as create_disabled', async () => {
    const t = await tenant({ devices: laptops(1, 3) });
    const h = syncHarness(store());
    await h.add(connectionDocument(t.emulator, 'NoCreate', { matching: { createNew: false } }));
    await handAsset(store(), 'NoCreate', { serialNumber: 'SN000002X' });
    const report = await h.run('NoCreate');
    expect(report.counts).toMatchObject({ fetched: 3, created: 0, updated: 1, synced: 1, unsynced: 2, skipped: { create_disabled: 2 } });
    expect(countsAddUp(report)).toBe(true);
    expect((await registerOf(store(), 'NoCreate')).map((a) => [a.serialNumber, a.intuneDeviceId])).toEqual([['SN000002X', deviceId(2)]]);
  });

  test('a re-enrolled device (two records, one serial): the latest wins, one asset, the other a duplicate', async () => {
    const t = await tenant({ devices: [...laptops(1, 3), laptop(101, { serialNumber: 'SN000002X', deviceName: 'LAP-0002', lastSyncDateTime: LATER })] });
    const h = syncHarness(store());
    await h.add(connectionDocument(t.emulator, 'Dupes'));
    const first = await h.run('Dupes');
    expect(first.counts).toMatchObject({ fetched: 4, created: 3, skipped: { duplicate_serial: 1 } });
    expect(countsAddUp(first)).toBe(true);
    let register = await registerOf(store(), 'Dupes');
    expect(register.map((a) => [a.serialNumber, a.intuneDeviceId])).toEqual([['SN000001X', deviceId(1)], ['SN000002X', deviceId(101)], ['SN000003X', deviceId(3)]]);

    const reenrolled = t.emulator.fleet.reenrol(2, { keepOld: true });
    const second = await h.run('Dupes');
    expect(second.counts).toMatchObject({ fetched: 6, created: 0, updated: 2, skipped: { duplicate_serial: 3 } });
    expect(countsAddUp(second)).toBe(true);
    register = await registerOf(store(), 'Dupes');
    expect(register).toHaveLength(3);
    for (const device of reenrolled) expect(register.find((a) => a.serialNumber === device.serialNumber)?.intuneDeviceId).toBe(device.id);
    const unique = new Set(register.map((a) => a.intuneDeviceId));
    expect(unique.size).toBe(3);
  });

  test('a transform that throws for one device (division by zero) fails that device only: the run is partial', async () => {
    const t = await tenant({ devices: [laptop(1), laptop(2, { totalStorageSpaceInBytes: 0 }), laptop(3)] });
    const h = syncHarness(store());
    await h.add(connectionDocument(t.emulator, 'Throws', {
      mapping: { fields: { 'category.Free share': { expression: 'FreeStorageBytes / TotalStorageBytes' } } },
    }));
    const report = await h.run('Throws');
    expect(report.status).toBe('partial');
    expect(report.counts).toMatchObject({ fetched: 3, created: 2, failed: 1, unsynced: 1 });
    expect(report.errors).toEqual([{ deviceId: deviceId(2), stage: 'map', code: expect.any(String), message: expect.stringMatching(/category\.Free share/) }]);
    expect(report.errors[0]?.code).toMatch(/division/);
    expect((await registerOf(store(), 'Throws')).map((a) => a.serialNumber)).toEqual(['SN000001X', 'SN000003X']);
  });
});
