import { describe, expect, test } from 'vitest';
import { DIALECTS, useTestStore } from '../store/testing/open-test-store.js';
import { laptop, laptops } from './testing/scenario.js';
import { connectionDocument, countsAddUp, registerOf, useScenarioTenants, syncHarness } from './testing/sync-harness.js';

// Filters (SPEC §4.2), device type rules (§4.3) and classification (§4.5), each reached from the connection JSON,
// through the real emulator over HTTPS, msal-node, and the register on both databases.
describe.each(DIALECTS)('sync filters and classification on %s', (dialect) => {
  const store = useTestStore(dialect, 'sync classify');
  const tenant = useScenarioTenants();

  test('filters: corporate only, garbage serials, desktops, Defender-only, unknown type, platforms, free condition', async () => {
    const t = await tenant({
      devices: [
        laptop(1),
        laptop(2, { managedDeviceOwnerType: 'personal' }),
        laptop(3, { serialNumber: 'To be filled by O.E.M.' }),
        laptop(4, { serialNumber: 'AAAAAAAA' }),
        laptop(5, { serialNumber: '' }),
        laptop(6, { model: 'OptiPlex 7010' }),
        laptop(7, { managementAgent: 'msSense' }),
        laptop(8, { manufacturer: 'Acme', model: 'Mystery Box 3000' }),
        laptop(9, { operatingSystem: 'macOS', manufacturer: 'Apple', model: 'MacBook Pro (14-inch, 2023)' }),
        laptop(10, { deviceName: 'LAB-0010' }),
        laptop(11, { operatingSystem: 'iOS', manufacturer: 'Apple', model: 'iPhone 15' }),
        laptop(12, { serialNumber: 'PF-3X1 ABC' }),
      ],
    });
    const h = syncHarness(store());
    await h.add(connectionDocument(t.emulator, 'Filters', {
      filters: { excludeDesktops: true, excludeDefenderOnly: true, platforms: ['windows', 'iOS'], condition: "DeviceName NOT LIKE 'LAB-%'" },
    }));
    const report = await h.run('Filters');
    expect(report).toMatchObject({ status: 'succeeded', fetchComplete: true, errors: [], notices: [] });
    expect(report.counts).toEqual({
      fetched: 12, synced: 3, unsynced: 9, created: 3, updated: 0, unchanged: 0, retired: 0, missing: 0, restored: 0, inactivated: 0,
      allocated: 0, usersCreated: 0, failed: 0, conflicts: 0,
      skipped: { personal_device: 1, invalid_serial: 3, desktop_excluded: 1, defender_only: 1, unknown_type: 1, platform_excluded: 1, condition_false: 1 },
    });
    expect(countsAddUp(report)).toBe(true);
    const register = await registerOf(store(), 'Filters');
    expect(register.map((a) => [a.serialNumber, a.category, a.status])).toEqual([
      ['PF-3X1 ABC', 'Laptop', 'in_store'],
      ['SN000001X', 'Laptop', 'in_store'],
      ['SN000011X', 'Mobile Phone', 'in_store'],
    ]);
    const outcomes = await store().db.selectFrom('run_devices').select(['intune_device_id', 'outcome', 'reason']).where('run_id', '=', report.runId).execute();
    expect(outcomes.filter((o) => o.outcome === 'skipped').map((o) => o.reason).sort()).toEqual(
      ['condition_false', 'defender_only', 'desktop_excluded', 'invalid_serial', 'invalid_serial', 'invalid_serial', 'personal_device', 'platform_excluded', 'unknown_type'],
    );
  });

  test('with the filters off every device with a type is kept', async () => {
    const t = await tenant({ devices: [laptop(1, { managedDeviceOwnerType: 'personal' }), laptop(2, { serialNumber: '0' }), laptop(3, { manufacturer: 'Acme', model: 'Box' })] });
    const h = syncHarness(store());
    await h.add(connectionDocument(t.emulator, 'NoFilters', { filters: { corporateOnly: false, requireValidSerial: false } }));
    const report = await h.run('NoFilters');
    expect(report.counts).toMatchObject({ fetched: 3, created: 2, skipped: { unknown_type: 1 } });
  });

  test('device type rules: custom rules first, then the shipped ones; a custom category per type', async () => {
    const t = await tenant({
      devices: [
        laptop(1, { manufacturer: 'Acme', model: 'Kiosk 12' }),
        laptop(2, { manufacturer: 'Acme', model: 'Box 7' }),
        laptop(3, { model: 'Surface Pro 9', manufacturer: 'Microsoft Corporation' }),
        laptop(4, { model: 'Virtual Machine', manufacturer: 'Microsoft Corporation' }),
        laptop(5),
      ],
    });
    const h = syncHarness(store());
    await h.add(connectionDocument(t.emulator, 'Types', {
      deviceTypes: { rules: [{ type: 'tablet', model: '^kiosk' }, { type: 'desktop', manufacturer: '^acme$' }, { type: 'laptop', model: 'latitude' }, { type: 'virtual', model: 'virtual machine' }] },
      classification: { deviceTypeCategories: { laptop: 'Notebooks', desktop: 'Desktops', tablet: 'Tablets', mobile: 'Phones', virtual: 'VMs' } },
    }));
    const report = await h.run('Types');
    // Surface Pro matches no rule of this connection's own list (it replaces the shipped list): unknown type.
    expect(report.counts).toMatchObject({ fetched: 5, created: 4, skipped: { unknown_type: 1 } });
    const register = await registerOf(store(), 'Types');
    expect(Object.fromEntries(register.map((a) => [a.serialNumber, a.category]))).toEqual({
      SN000001X: 'Tablets', SN000002X: 'Desktops', SN000004X: 'VMs', SN000005X: 'Notebooks',
    });
  });

  test('classification single: one category for all, created under the chosen group', async () => {
    const t = await tenant({ devices: [laptop(1), laptop(2, { operatingSystem: 'iOS', manufacturer: 'Apple', model: 'iPhone 15' })] });
    const h = syncHarness(store());
    await h.add(connectionDocument(t.emulator, 'Single', { classification: { mode: 'single', category: 'Endpoints', group: 'IT' } }));
    const report = await h.run('Single');
    expect(report.counts).toMatchObject({ created: 2, unsynced: 0 });
    expect((await registerOf(store(), 'Single')).map((a) => a.category)).toEqual(['Endpoints', 'Endpoints']);
    const group = await store().db.selectFrom('asset_categories as c').innerJoin('asset_groups as g', 'g.id', 'c.group_id').select('g.name').where('c.name', '=', 'Endpoints').execute();
    expect(group.map((g) => g.name)).toEqual(['IT']);
  });

  test('classification field: the field value is the category, the fallback when empty, no_category without one', async () => {
    const devices = [laptop(1, { deviceCategoryDisplayName: 'Sales Laptops' }), laptop(2, { deviceCategoryDisplayName: null }), laptop(3, { deviceCategoryDisplayName: '' })];
    const t = await tenant({ devices });
    const h = syncHarness(store());
    await h.add(connectionDocument(t.emulator, 'Field', { classification: { mode: 'field', field: 'deviceCategoryDisplayName', fallback: 'Uncategorised' } }));
    await h.run('Field');
    expect((await registerOf(store(), 'Field')).map((a) => a.category)).toEqual(['Sales Laptops', 'Uncategorised', 'Uncategorised']);
    await h.add(connectionDocument(t.emulator, 'FieldNoFallback', { classification: { mode: 'field', field: 'deviceCategoryDisplayName' } }));
    const report = await h.run('FieldNoFallback');
    expect(report.counts).toMatchObject({ created: 1, skipped: { no_category: 2 } });
  });

  test('classification rules: first match wins, the fallback catches the rest, a rule keeps an unknown-type device', async () => {
    const t = await tenant({
      devices: [
        laptop(1, { operatingSystem: 'iOS', manufacturer: 'Apple', model: 'iPhone 15' }),
        laptop(2),
        laptop(3, { manufacturer: 'HP', model: 'EliteBook 840 G10' }),
        laptop(4, { manufacturer: 'Dell Inc.', model: 'Mystery 1' }),
        laptop(5, { manufacturer: 'Acme', model: 'Mystery 2' }),
      ],
    });
    const h = syncHarness(store());
    await h.add(connectionDocument(t.emulator, 'Rules', {
      classification: {
        mode: 'rules',
        rules: [
          { category: 'Phones', condition: "OperatingSystem IN ('iOS', 'Android')" },
          { category: 'Dell', condition: "Manufacturer = 'Dell Inc.'" },
          { category: 'iPhones', condition: "OperatingSystem = 'iOS'" },
        ],
        fallback: 'Other',
      },
    }));
    const report = await h.run('Rules');
    expect(report.counts).toMatchObject({ fetched: 5, created: 4, skipped: { unknown_type: 1 } });
    expect(Object.fromEntries((await registerOf(store(), 'Rules')).map((a) => [a.serialNumber, a.category]))).toEqual({
      SN000001X: 'Phones', SN000002X: 'Dell', SN000003X: 'Other', SN000004X: 'Dell',
    });
  });

  test('keepExistingCategory: existing assets keep theirs, new ones get the new category; without it they move', async () => {
    const t = await tenant({ devices: laptops(1, 2) });
    const h = syncHarness(store());
    const base = connectionDocument(t.emulator, 'Keep', { classification: { mode: 'single', category: 'Old' } });
    await h.add(base);
    await h.run('Keep');
    await t.setScenario({ devices: laptops(1, 3) });
    await h.connections.add({ ...base, classification: { mode: 'single', category: 'New', keepExistingCategory: true } }, { replaceExisting: true });
    const kept = await h.run('Keep');
    expect(kept.counts).toMatchObject({ created: 1, updated: 0, unchanged: 2 });
    expect((await registerOf(store(), 'Keep')).map((a) => a.category)).toEqual(['Old', 'Old', 'New']);
    await h.connections.add({ ...base, classification: { mode: 'single', category: 'New' } }, { replaceExisting: true });
    const moved = await h.run('Keep');
    expect(moved.counts).toMatchObject({ created: 0, updated: 2, unchanged: 1 });
    expect((await registerOf(store(), 'Keep')).map((a) => a.category)).toEqual(['New', 'New', 'New']);
  });

  test('categoryDefaults: condition, In Store sub-status and store per category; the default store for the rest', async () => {
    const t = await tenant({ devices: [laptop(1), laptop(2, { operatingSystem: 'iOS', manufacturer: 'Apple', model: 'iPhone 15' })] });
    const h = syncHarness(store());
    await h.add(connectionDocument(t.emulator, 'Defaults', {
      classification: {
        categoryDefaults: { laptop: { condition: 'Good', subStatus: 'Ready to deploy', store: { site: 'Lisbon', location: 'HQ', store: 'IT Store' } } },
      },
      defaults: { store: { site: 'Porto', location: 'Office', store: 'Main Store' } },
    }));
    const report = await h.run('Defaults');
    expect(report.status).toBe('succeeded');
    expect((await registerOf(store(), 'Defaults')).map((a) => [a.category, a.status, a.subStatus, a.condition, a.store])).toEqual([
      ['Laptop', 'in_store', 'Ready to deploy', 'Good', 'IT Store'],
      ['Mobile Phone', 'in_store', null, null, 'Main Store'],
    ]);
  });
});
