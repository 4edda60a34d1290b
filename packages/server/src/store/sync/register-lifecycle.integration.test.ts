import { describe, expect, test } from 'vitest';
import type { RegisterStore } from '../../sync/ports.js';
import { DIALECTS, useTestStore } from '../testing/open-test-store.js';
import { intuneFields, seedConnectionRun, snapshotCounts } from '../testing/sync-fixtures.js';
import type { SyncFixture } from '../testing/sync-fixtures.js';
import { createRegisterStore } from './register-store.js';

const employee = (name: string, overrides: { externalId?: string | null; email?: string } = {}) => ({
  key: `${name}@example.com`,
  email: overrides.email ?? `${name}@Example.com`,
  upn: `${name}@example.com`,
  employeeId: null,
  samAccountName: null,
  firstName: name,
  lastName: 'Tester',
  externalId: overrides.externalId ?? null,
});

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    const clock = { now: new Date('2024-06-01T08:00:00.000Z') };
    const store = useTestStore(dialect, `register lifecycle ${dialect}`, { now: () => clock.now });
    let seq = 0;
    const setup = async (options: { dryRun?: boolean } = {}): Promise<{ fx: SyncFixture; register: RegisterStore; forFx: (dryRun: boolean) => RegisterStore }> => {
      seq += 1;
      const fx = await seedConnectionRun(store(), `lifecycle conn ${String(seq)}`);
      const forFx = (dryRun: boolean): RegisterStore => createRegisterStore(store(), { departmentId: fx.departmentId, dryRun, now: () => clock.now });
      return { fx, register: forFx(options.dryRun ?? false), forFx };
    };

    test('createUsers is idempotent and reuses existing users by email or external id', async () => {
      const { fx, register } = await setup();
      const source = `intune:${fx.connectionId}`;
      const existing = await store().repos.users.insert({ departmentId: fx.departmentId, email: 'HAND@example.com', source: 'manual' });
      const first = await register.createUsers({ departmentId: fx.departmentId, source, users: [employee('ann', { externalId: 'entra-ann' }), employee('hand')] }).written;
      expect(first.get('hand@example.com')).toBe(existing.id);
      const ann = await store().repos.users.get(first.get('ann@example.com') ?? '');
      expect(ann).toMatchObject({ email: 'ann@Example.com', upn: 'ann@example.com', firstName: 'ann', lastName: 'Tester', source, externalId: 'entra-ann', isActive: true });
      const users = await store().repos.users.list({ departmentId: fx.departmentId, limit: 1000 });
      const again = await register.createUsers({
        departmentId: fx.departmentId,
        source,
        users: [employee('ann', { externalId: 'entra-ann', email: 'ann.renamed@example.com' }), employee('hand')],
      }).written;
      expect(again).toEqual(first);
      expect((await store().repos.users.list({ departmentId: fx.departmentId, limit: 1000 })).items).toHaveLength(users.items.length);
      const found = await register.findUsers({ departmentId: fx.departmentId, field: 'upn', values: ['ANN@example.com', 'nobody@example.com'] });
      expect([...found.keys()]).toEqual(['ann@example.com']);
      await expect(register.createUsers({ departmentId: fx.departmentId, source, users: [{ ...employee('x'), email: ' ' }] }).written).rejects.toThrow(/"x@example.com" has no email/);
    });

    test('the reference resolver gets or creates each kind once and caches ids for its life', async () => {
      const { fx, register, forFx } = await setup();
      const { references } = register;
      const laptop = await references.categoryId({ category: `Laptop ${String(seq)}`, group: 'Computers' });
      expect(await references.categoryId({ category: `Laptop ${String(seq)}`, group: 'Computers' })).toBe(laptop);
      expect((await store().repos.reference.getCategory(laptop))?.name).toBe(`Laptop ${String(seq)}`);
      await store().db.updateTable('asset_categories').set({ name: 'Renamed' }).where('id', '=', laptop).execute();
      expect(await references.categoryId({ category: `Laptop ${String(seq)}`, group: 'Computers' })).toBe(laptop);
      expect(await forFx(false).references.categoryId({ category: `Laptop ${String(seq)}`, group: 'Computers' })).not.toBe(laptop);

      const spare = await references.subStatusId({ status: 'in_store', name: 'Spare' });
      expect(await references.subStatusId({ status: 'in_store', name: 'Spare' })).toBe(spare);
      expect(await references.subStatusId({ status: 'allocated', name: 'Spare' })).not.toBe(spare);
      const good = (await store().repos.reference.listConditions()).find((c) => c.name === 'good')?.id;
      expect(await references.conditionId('good')).toBe(good);
      const worn = await references.conditionId('worn');
      expect((await store().repos.reference.listConditions()).find((c) => c.name === 'worn')?.id).toBe(worn);

      const [place, samePlace] = await Promise.all([
        references.place({ site: 'London', location: 'HQ', store: 'IT store' }),
        references.place({ site: 'London', location: 'HQ', store: 'IT store' }),
      ]);
      expect(samePlace).toEqual(place);
      expect((await store().repos.reference.listSites(fx.departmentId)).filter((s) => s.name === 'London')).toEqual([
        { id: place.siteId, departmentId: fx.departmentId, name: 'London' },
      ]);
      const floor = await references.floorId({ locationId: place.locationId, name: '3rd' });
      expect(await references.floorId({ locationId: place.locationId, name: '3rd' })).toBe(floor);
      await expect(references.categoryId({ category: ' ', group: 'Computers' })).rejects.toThrow(/category name is empty/);
    });

    test('a dry run writes nothing at all and answers with existing ids or placeholders', async () => {
      const { fx, register: live, forFx } = await setup();
      const existingCategory = await live.references.categoryId({ category: 'Existing', group: 'Computers' });
      const { created } = await live.writeBatch({
        runId: fx.runId,
        connectionId: fx.connectionId,
        actor: 'Intune integration',
        batch: { creates: [{ deviceId: 'dev-d', fields: intuneFields({ serialNumber: 'DRY1' }) }], updates: [], outcomes: [] },
      });
      const before = await store().repos.assets.get(created.get('dev-d') ?? '');
      if (!before) throw new Error('the live create wrote no asset');
      const dry = forFx(true);
      const counts = await snapshotCounts(store());

      expect(await dry.references.categoryId({ category: 'Existing', group: 'Computers' })).toBe(existingCategory);
      expect(await dry.references.categoryId({ category: 'Laptop', group: 'Computers' })).toBe('dry-run:category:Laptop');
      expect(await dry.references.subStatusId({ status: 'in_store', name: 'Never' })).toBe('dry-run:sub-status:in_store/Never');
      expect(await dry.references.conditionId('mint')).toBe('dry-run:condition:mint');
      const place = await dry.references.place({ site: 'Nowhere', location: 'L', store: 'S' });
      expect(place).toEqual({ siteId: 'dry-run:site:Nowhere', locationId: 'dry-run:location:Nowhere/L', storeId: 'dry-run:store:Nowhere/L/S' });
      expect(await dry.references.floorId({ locationId: place.locationId, name: '1' })).toBe('dry-run:floor:dry-run:location:Nowhere/L/1');
      expect(await dry.createUsers({ departmentId: fx.departmentId, source: 'intune:x', users: [employee('dry')] }).written).toEqual(
        new Map([['dry@example.com', 'dry-run:user:dry@example.com']]),
      );
      const result = await dry.writeBatch({
        runId: fx.runId,
        connectionId: fx.connectionId,
        actor: 'Intune integration',
        batch: {
          creates: [{ deviceId: 'dev-e', fields: intuneFields({ serialNumber: 'DRY2' }) }],
          updates: [
            { deviceId: 'dev-d', before, patch: { model: 'Changed' } },
            { deviceId: 'dev-d2', before, patch: { model: before.model } },
          ],
          outcomes: [{ deviceId: 'dev-e', deviceName: null, outcome: 'created', reason: null, assetId: null }],
        },
      });
      expect(result).toEqual({ created: new Map([['dev-e', 'dry-run:asset:dev-e']]), updated: 1, conflicts: [] });
      await dry.applyLifecycle({ runId: fx.runId, actor: 'Intune integration', changes: [{ assetId: before.id, statusKey: 'retired', missingFromSourceSince: clock.now.toISOString(), reason: 'deleted_from_intune' }] });
      expect(await snapshotCounts(store())).toEqual(counts);
      expect(await store().repos.assets.get(before.id)).toEqual(before);
    });

    test('connectionAssets lists the connection; applyLifecycle audits status changes and sets/clears missingFromSourceSince', async () => {
      const { fx, register } = await setup();
      const { created } = await register.writeBatch({
        runId: fx.runId,
        connectionId: fx.connectionId,
        actor: 'Intune integration',
        batch: {
          creates: ['life-1', 'life-2'].map((deviceId) => ({ deviceId, fields: intuneFields({ intuneDeviceId: deviceId, lastSeenInSourceAt: '2024-05-30T00:00:00.000Z' }) })),
          updates: [],
          outcomes: [],
        },
      });
      const [id1, id2] = [created.get('life-1') ?? '', created.get('life-2') ?? ''];
      const listed = await register.connectionAssets(fx.connectionId);
      expect([...listed].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual([
        { id: id1, intuneDeviceId: 'life-1', statusKey: 'in_store', lastSeenInSourceAt: '2024-05-30T00:00:00.000Z', missingFromSourceSince: null },
        { id: id2, intuneDeviceId: 'life-2', statusKey: 'in_store', lastSeenInSourceAt: '2024-05-30T00:00:00.000Z', missingFromSourceSince: null },
      ]);
      expect(await register.connectionAssets('another-connection')).toEqual([]);

      const gone = '2024-06-01T08:00:00.000Z';
      clock.now = new Date('2024-06-01T09:00:00.000Z');
      const before2 = await store().repos.assets.get(id2);
      await register.applyLifecycle({
        runId: fx.runId,
        actor: 'Intune integration',
        changes: [
          { assetId: id1, statusKey: 'retired', missingFromSourceSince: gone, reason: 'deleted_from_intune' },
          { assetId: id2, missingFromSourceSince: gone, reason: 'deleted_from_intune' },
          { assetId: 'no-such-asset', statusKey: 'retired', reason: 'deleted_from_intune' },
        ],
      });
      const after = new Map((await register.connectionAssets(fx.connectionId)).map((a) => [a.id, a]));
      expect(after.get(id1)).toMatchObject({ statusKey: 'retired', missingFromSourceSince: gone });
      expect(after.get(id2)).toMatchObject({ statusKey: 'in_store', missingFromSourceSince: gone });
      expect((await store().repos.assets.get(id1))?.updatedAt).toBe('2024-06-01T09:00:00.000Z');
      expect((await store().repos.assets.get(id2))?.updatedAt).toBe(before2?.updatedAt);
      const log = (await store().repos.audit.listByEntity('fixed_asset', id1)).items;
      expect(log.find((e) => e.field === 'statusKey')).toMatchObject({ action: 'update', oldValue: 'in_store', newValue: 'retired', runId: fx.runId, actor: { type: 'run', id: fx.runId } });
      expect(log.find((e) => e.field === 'missingFromSourceSince')).toMatchObject({ oldValue: null, newValue: gone, runId: fx.runId });
      expect((await store().repos.audit.listProvenance(id1)).find((p) => p.field === 'statusKey')).toMatchObject({ source: `intune:${fx.connectionId}`, runId: fx.runId });

      await register.applyLifecycle({ runId: fx.runId, actor: 'Intune integration', changes: [{ assetId: id1, statusKey: 'in_store', missingFromSourceSince: null, reason: 'recovered' }] });
      expect((await register.connectionAssets(fx.connectionId)).find((a) => a.id === id1)).toMatchObject({ statusKey: 'in_store', missingFromSourceSince: null });
      const counts = await snapshotCounts(store());
      await register.applyLifecycle({ runId: fx.runId, actor: 'Intune integration', changes: [{ assetId: id1, statusKey: 'in_store', missingFromSourceSince: null, reason: 'recovered' }] });
      expect(await snapshotCounts(store())).toEqual(counts);
      await expect(register.applyLifecycle({ runId: 'no-such-run', actor: 'x', changes: [{ assetId: id1, statusKey: 'retired', reason: 'inactive' }] })).rejects.toThrow(/run no-such-run/);
    });
  });
}
