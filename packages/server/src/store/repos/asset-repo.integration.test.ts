import { describe, expect, test } from 'vitest';
import type { Actor } from '../../domain/audit.js';
import type { Asset } from '../../domain/asset.js';
import { DIALECTS, useTestStore } from '../testing/open-test-store.js';
import type { NewAsset } from './asset-repo.js';

const RUN_ACTOR: Actor = { type: 'run', id: 'run-1' };
const BY_RUN = { actor: RUN_ACTOR, source: 'intune:conn-1', runId: 'run-1' } as const;
const BY_USER = { actor: { type: 'user', id: 'analyst-1' }, source: 'user:analyst-1' } as const;

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    let clock = new Date('2024-05-01T09:30:00.000Z');
    const store = useTestStore(dialect, `assets ${dialect}`, { now: () => clock });
    const department = async (): Promise<string> => (await store().repos.reference.getDefaultDepartment()).id;
    const laptop = async (overrides: Partial<NewAsset> = {}): Promise<NewAsset> => ({
      departmentId: await department(),
      name: 'LAPTOP-001',
      serialNumber: 'C02 XK-1234',
      make: 'Dell',
      model: 'XPS 13',
      memoryGb: 15.75,
      storageGb: 476.9,
      displaySize: 13.4,
      releaseDate: '2023-02-01',
      wifiMac: 'a1:b2:c3:d4:e5:f6',
      categoryValues: { warranty: { ends: '2027-01-01', years: 3 }, tags: ['dev', 'loaner'], insured: true },
      intuneDeviceId: 'intune-1',
      azureAdDeviceId: 'aad-1',
      imei: '356938035643809',
      activationLockBypassCodeEncrypted: 'v1:iv:ciphertext==',
      source: 'intune',
      lastSeenInSourceAt: '2024-05-01T09:00:00.000Z',
      ...overrides,
    });

    test('insert round-trips every kind of column and numbers tags from the department sequence', async () => {
      const { assets } = store().repos;
      const inserted = await assets.insert(await laptop(), BY_RUN);
      expect(inserted.assetTag).toMatch(/^AST-\d{6}$/);
      const read = await assets.get(inserted.id);
      expect(read).toEqual(inserted);
      expect(read).toMatchObject({
        memoryGb: 15.75,
        storageGb: 476.9,
        statusKey: 'in_store',
        allocatedUserId: null,
        categoryValues: { warranty: { ends: '2027-01-01', years: 3 }, tags: ['dev', 'loaner'], insured: true },
        createdAt: '2024-05-01T09:30:00.000Z',
        updatedAt: '2024-05-01T09:30:00.000Z',
        lastSeenInSourceAt: '2024-05-01T09:00:00.000Z',
      });
      const next = await assets.insert(await laptop({ serialNumber: 'OTHER' }), BY_RUN);
      expect(Number(next.assetTag.slice(4))).toBe(Number(inserted.assetTag.slice(4)) + 1);
    });

    test('insert records provenance for the set fields, one create audit row, and the allocation', async () => {
      const { assets, audit, users } = store().repos;
      const user = await users.insert({ departmentId: await department(), email: 'ann@example.com', source: 'manual' });
      const asset = await assets.insert(await laptop({ allocatedUserId: user.id, statusKey: 'allocated' }), BY_RUN);
      const provenance = await audit.listProvenance(asset.id);
      expect(provenance.map((p) => p.field)).toContain('serialNumber');
      expect(provenance.map((p) => p.field)).not.toContain('colour');
      expect(provenance.map((p) => p.field)).not.toContain('lastSeenInSourceAt');
      expect(provenance.find((p) => p.field === 'make')).toEqual({
        assetId: asset.id,
        field: 'make',
        source: 'intune:conn-1',
        runId: 'run-1',
        setAt: '2024-05-01T09:30:00.000Z',
      });
      const log = await audit.listByEntity('fixed_asset', asset.id);
      expect(log.items).toHaveLength(1);
      expect(log.items[0]).toMatchObject({ action: 'create', field: null, newValue: { assetTag: asset.assetTag }, actor: RUN_ACTOR, runId: 'run-1' });
      expect(await audit.listAllocations(asset.id)).toMatchObject([{ userId: user.id, action: 'allocated', actor: RUN_ACTOR }]);
    });

    test('bulk insert crosses the bind-parameter chunk size and keeps tags unique and in input order', async () => {
      const departmentId = await department();
      const inputs = Array.from({ length: 1500 }, (_, i): NewAsset => ({ departmentId, name: `BULK-${i}`, serialNumber: `BULK${i}` }));
      const inserted = await store().repos.assets.insertMany(inputs, BY_RUN);
      expect(inserted.map((a) => a.name)).toEqual(inputs.map((a) => a.name));
      const tags = inserted.map((a) => Number(a.assetTag.slice(4)));
      expect(new Set(tags).size).toBe(1500);
      expect(tags.every((tag, i) => i === 0 || tag === (tags[i - 1] ?? 0) + 1)).toBe(true);
      expect(await store().repos.assets.count({ search: 'bulk-' })).toBe(1500);
    });

    test('8 concurrent inserts get 8 distinct tags', async () => {
      const input = await laptop({ serialNumber: null });
      const inserted = await Promise.all(Array.from({ length: 8 }, () => store().repos.assets.insert(input, BY_RUN)));
      expect(new Set(inserted.map((a) => a.assetTag)).size).toBe(8);
    });

    test('update writes only changed fields, with provenance, audit (secrets redacted) and allocation history', async () => {
      const { assets, audit, users } = store().repos;
      const user = await users.insert({ departmentId: await department(), email: 'bob@example.com', source: 'manual' });
      const before = await assets.insert(await laptop(), BY_RUN);
      clock = new Date('2024-05-02T10:00:00.000Z');
      const result = await assets.update(
        {
          before,
          patch: {
            make: 'Dell',
            model: 'XPS 15',
            allocatedUserId: user.id,
            activationLockBypassCodeEncrypted: 'v1:iv:other==',
            contentHash: 'h2',
            categoryValues: { tags: ['dev', 'loaner'], insured: true, warranty: { years: 3, ends: '2027-01-01' } },
          },
        },
        BY_USER,
      );
      expect(result.outcome).toBe('updated');
      expect([...result.changedFields].sort()).toEqual(['activationLockBypassCodeEncrypted', 'allocatedUserId', 'contentHash', 'model']);
      expect(await assets.get(before.id)).toEqual(result.asset);
      expect(result.asset.updatedAt).toBe('2024-05-02T10:00:00.000Z');

      const log = await audit.listByEntity('fixed_asset', before.id);
      const updates = log.items.filter((e) => e.action === 'update');
      expect(updates.map((e) => e.field).sort()).toEqual(['activationLockBypassCodeEncrypted', 'allocatedUserId', 'model']);
      expect(updates.find((e) => e.field === 'model')).toMatchObject({ oldValue: 'XPS 13', newValue: 'XPS 15', actor: BY_USER.actor, runId: null });
      expect(updates.find((e) => e.field === 'activationLockBypassCodeEncrypted')).toMatchObject({ oldValue: '[redacted]', newValue: '[redacted]' });
      const provenance = await audit.listProvenance(before.id);
      expect(provenance.find((p) => p.field === 'model')).toMatchObject({ source: 'user:analyst-1', runId: null, setAt: '2024-05-02T10:00:00.000Z' });
      expect(provenance.find((p) => p.field === 'make')).toMatchObject({ source: 'intune:conn-1' });
      expect(await audit.listAllocations(before.id)).toMatchObject([{ userId: user.id, action: 'allocated' }]);
    });

    test('an update with nothing new writes nothing; a stale `before` is refused as a conflict', async () => {
      const { assets, audit } = store().repos;
      const before = await assets.insert(await laptop(), BY_RUN);
      const same = await assets.update({ before, patch: { make: 'Dell', memoryGb: 15.75 } }, BY_RUN);
      expect(same).toMatchObject({ outcome: 'unchanged', changedFields: [] });
      const first = await assets.update({ before, patch: { colour: 'silver' } }, BY_USER);
      expect(first.outcome).toBe('updated');
      const stale = await assets.update({ before, patch: { colour: 'black' } }, BY_RUN);
      expect(stale.outcome).toBe('conflict');
      expect((await assets.get(before.id))?.colour).toBe('silver');
      const fields = (await audit.listByEntity('fixed_asset', before.id)).items.map((e) => e.field);
      expect(fields).toEqual(['colour', null]);
    });

    test('a failing transaction leaves neither the change nor its provenance and audit rows', async () => {
      const { assets, audit } = store().repos;
      const before = await assets.insert(await laptop(), BY_RUN);
      // Built outside: on SQLite the transaction holds the only connection, so the root repos would wait forever.
      const extra = await laptop({ name: 'ROLLED-BACK' });
      await expect(
        store().transaction(async (repos) => {
          await repos.assets.update({ before, patch: { model: 'Rolled back' } }, BY_USER);
          await repos.assets.insert(extra, BY_USER);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await assets.get(before.id)).toEqual(before);
      expect((await audit.listByEntity('fixed_asset', before.id)).items.map((e) => e.action)).toEqual(['create']);
      expect((await audit.listProvenance(before.id)).find((p) => p.field === 'model')?.source).toBe('intune:conn-1');
      expect(await assets.findManyBy('name', ['rolled-back'])).toEqual([]);
    });

    test('finds by every match key, normalising the given values', async () => {
      const { assets } = store().repos;
      const asset = await assets.insert(
        await laptop({ name: 'Find-Me', serialNumber: 'FND-00 77', wifiMac: null, ethernetMac: '00-1A-2B-3C-4D-5E', imei: '111', intuneDeviceId: 'find-intune', azureAdDeviceId: 'find-aad' }),
        BY_RUN,
      );
      const ids = async (found: Promise<Asset[]>): Promise<string[]> => (await found).map((a) => a.id);
      expect(await ids(assets.findManyBy('serialNumber', ['fnd0077', 'nothing']))).toEqual([asset.id]);
      expect(await ids(assets.findManyBy('name', [' find-me ']))).toEqual([asset.id]);
      expect(await ids(assets.findManyBy('mac', ['001a2b3c4d5e']))).toEqual([asset.id]);
      expect(await ids(assets.findManyBy('imei', ['111']))).toEqual([asset.id]);
      expect(await ids(assets.findManyBy('intuneDeviceId', ['find-intune', null]))).toEqual([asset.id]);
      expect(await ids(assets.findManyBy('azureAdDeviceId', ['find-aad'], { departmentId: asset.departmentId }))).toEqual([asset.id]);
      expect(await assets.findManyBy('serialNumber', [])).toEqual([]);
    });

    test('keyset paging walks every asset once, in order, under a filter', async () => {
      const { assets, reference } = store().repos;
      const other = await reference.createDepartment({ name: `Paging ${dialect}`, assetTagPrefix: 'PG-' });
      await assets.insertMany(Array.from({ length: 25 }, (_, i): NewAsset => ({ departmentId: other.id, name: `P${i}`, statusKey: i % 5 === 0 ? 'retired' : 'in_store' })), BY_RUN);
      const seen: string[] = [];
      let after: string | undefined;
      let pages = 0;
      do {
        const page = await assets.list({ departmentId: other.id, statusKey: 'in_store', limit: 7, ...(after !== undefined && { after }) });
        seen.push(...page.items.map((a) => a.assetTag));
        after = page.nextCursor ?? undefined;
        pages += 1;
      } while (after !== undefined);
      expect(pages).toBe(3);
      expect(seen).toHaveLength(20);
      expect(seen).toEqual([...seen].sort());
      expect(seen[0]).toBe('PG-000002');
      const byUpdated = await assets.list({ departmentId: other.id, sort: 'updatedAt', limit: 100 });
      expect(byUpdated.items).toHaveLength(25);
      expect(byUpdated.nextCursor).toBeNull();
      await expect(assets.list({ after: 'garbage' })).rejects.toThrow(/cursor/);
    });

    test('delete removes the asset and leaves a delete row in the audit log', async () => {
      const { assets, audit } = store().repos;
      const asset = await assets.insert(await laptop(), BY_RUN);
      expect(await assets.delete(asset.id, BY_USER)).toBe(true);
      expect(await assets.get(asset.id)).toBeUndefined();
      expect(await assets.delete(asset.id, BY_USER)).toBe(false);
      const log = await audit.listByEntity('fixed_asset', asset.id);
      expect(log.items[0]).toMatchObject({ action: 'delete', oldValue: { assetTag: asset.assetTag }, actor: BY_USER.actor });
    });

    test('markSeen stamps the run without touching updated_at or the audit log', async () => {
      const { assets, audit } = store().repos;
      const asset = await assets.insert(await laptop(), BY_RUN);
      await assets.markSeen([asset.id], { runId: 'run-2', at: '2024-06-01T00:00:00.000Z' });
      expect(await assets.get(asset.id)).toEqual({ ...asset, lastSeenRunId: 'run-2', lastSeenInSourceAt: '2024-06-01T00:00:00.000Z' });
      expect((await audit.listByEntity('fixed_asset', asset.id)).items).toHaveLength(1);
    });
  });
}
