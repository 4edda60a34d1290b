import { describe, expect, test } from 'vitest';
import type { Store } from '../store/connect.js';
import { DIALECTS, useTestStore } from '../store/testing/open-test-store.js';
import { deviceId, laptop, laptops, RECENT } from './testing/scenario.js';
import { connectionDocument, useScenarioTenants, syncHarness } from './testing/sync-harness.js';

const LATER = new Date(Date.parse(RECENT) + 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const BY_ANALYST = { actor: { type: 'user', id: 'analyst-1' }, source: 'user:analyst-1' } as const;

async function assetOf(store: Store, intuneDeviceId: string) {
  const row = await store.db.selectFrom('fixed_assets').select('id').where('intune_device_id', '=', intuneDeviceId).executeTakeFirstOrThrow();
  const asset = await store.repos.assets.get(row.id);
  if (!asset) throw new Error(`no asset for ${intuneDeviceId}`);
  return asset;
}

// SPEC §4.6: a category field mapping's source of truth decides who owns the value once the asset exists.
describe.each(DIALECTS)('sync of category field values on %s', (dialect) => {
  const store = useTestStore(dialect, 'sync category fields');
  const tenant = useScenarioTenants();

  test('an intune-owned category value follows Intune; a register-owned one keeps the analyst\'s edit', async () => {
    const t = await tenant({ devices: laptops(1, 2) });
    const h = syncHarness(store());
    await h.add(connectionDocument(t.emulator, 'Category fields', {
      classification: { mode: 'single', category: 'Computers' },
      mapping: {
        fields: {
          'category.OS Build': { expression: 'OsVersion' },
          'category.Label': { expression: 'DeviceName', sourceOfTruth: 'register' },
        },
      },
    }));
    expect((await h.run('Category fields')).counts).toMatchObject({ created: 2 });
    const created = await assetOf(store(), deviceId(1));
    expect(created.categoryValues).toEqual({ 'OS Build': '10.0.22631.3447', Label: 'LAP-0001' });

    await store().repos.assets.update({ before: created, patch: { categoryValues: { ...created.categoryValues, Label: 'Reception kiosk' } } }, BY_ANALYST);
    await t.setScenario({ devices: [laptop(1, { osVersion: '10.0.26100.1', deviceName: 'LAP-RENAMED', lastSyncDateTime: LATER }), laptop(2)] });
    const second = await h.run('Category fields');
    expect(second.counts).toMatchObject({ updated: 1, unchanged: 1 });
    expect((await assetOf(store(), deviceId(1))).categoryValues).toEqual({ 'OS Build': '10.0.26100.1', Label: 'Reception kiosk' });
  });
});
