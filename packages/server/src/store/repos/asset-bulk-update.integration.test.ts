import { describe, expect, test } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import type { Asset } from '../../domain/asset.js';
import { DIALECTS, useTestStore } from '../testing/open-test-store.js';
import { AssetRepo } from './asset-repo.js';
import type { AssetUpdate, NewAsset } from './asset-repo.js';

const BY_RUN = { actor: { type: 'run', id: 'run-7' }, source: 'intune:conn-7', runId: 'run-7' } as const;

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    let clock = new Date('2024-07-01T08:00:00.000Z');
    const store = useTestStore(dialect, `asset bulk update ${dialect}`, { now: () => clock });
    const fleet = async (prefix: string, count: number): Promise<Asset[]> => {
      const departmentId = (await store().repos.reference.getDefaultDepartment()).id;
      const inputs = Array.from({ length: count }, (_, i): NewAsset => ({
        departmentId,
        name: `${prefix}-${String(i)}`,
        serialNumber: `${prefix}SN${String(i)}`,
        make: 'Dell',
        model: 'Latitude 7440',
        memoryGb: 16,
        categoryValues: { ring: 'broad' },
        contentHash: 'h0',
      }));
      return store().repos.assets.insertMany(inputs, BY_RUN);
    };
    const tick = (): void => {
      clock = new Date(clock.getTime() + 60_000);
    };

    test('one batch with different column sets writes each asset its own columns and leaves the rest alone', async () => {
      const [a, b, c] = await fleet('MIX', 3);
      if (!a || !b || !c) throw new Error('fleet of 3 expected');
      tick();
      const results = await store().repos.assets.updateMany(
        [
          { before: a, patch: { model: 'Latitude 9450', memoryGb: 31.5 } },
          { before: b, patch: { serialNumber: 'mix-new 01', categoryValues: { ring: 'pilot', tags: ['vip'] } } },
          { before: c, patch: { osVersion: '14.5', wifiMac: 'AA-BB-CC-DD-EE-FF' } },
        ],
        BY_RUN,
      );
      expect(results.map((r) => r.outcome)).toEqual(['updated', 'updated', 'updated']);
      for (const result of results) expect(await store().repos.assets.get(result.id)).toEqual(result.asset);
      expect(results[0]?.asset).toEqual({ ...a, model: 'Latitude 9450', memoryGb: 31.5, updatedAt: clock.toISOString() });
      expect(results[1]?.asset).toEqual({ ...b, serialNumber: 'mix-new 01', categoryValues: { ring: 'pilot', tags: ['vip'] }, updatedAt: clock.toISOString() });
      expect(results[2]?.asset).toEqual({ ...c, osVersion: '14.5', wifiMac: 'AA-BB-CC-DD-EE-FF', updatedAt: clock.toISOString() });
      // The derived lookup keys move with their fields.
      expect((await store().repos.assets.findManyBy('serialNumber', ['MIXNEW01'])).map((x) => x.id)).toEqual([b.id]);
      expect((await store().repos.assets.findManyBy('mac', ['aabbccddeeff'])).map((x) => x.id)).toEqual([c.id]);
      expect(await store().repos.assets.findManyBy('serialNumber', [b.serialNumber])).toEqual([]);
    });

    test('a patch may set a column to NULL while another asset in the batch sets it and a third leaves it', async () => {
      const [a, b, c] = await fleet('NUL', 3);
      if (!a || !b || !c) throw new Error('fleet of 3 expected');
      tick();
      const results = await store().repos.assets.updateMany(
        [
          { before: a, patch: { make: null, memoryGb: null } },
          { before: b, patch: { make: 'HP', memoryGb: 8 } },
          { before: c, patch: { model: 'Latitude 5550' } },
        ],
        BY_RUN,
      );
      expect(results.map((r) => r.changedFields)).toEqual([['make', 'memoryGb'], ['make', 'memoryGb'], ['model']]);
      expect(await store().repos.assets.get(a.id)).toMatchObject({ make: null, memoryGb: null, model: 'Latitude 7440' });
      expect(await store().repos.assets.get(b.id)).toMatchObject({ make: 'HP', memoryGb: 8, model: 'Latitude 7440' });
      expect(await store().repos.assets.get(c.id)).toMatchObject({ make: 'Dell', memoryGb: 16, model: 'Latitude 5550' });
      const log = await store().repos.audit.listByEntity('fixed_asset', a.id);
      expect(log.items.filter((e) => e.action === 'update').map((e) => [e.field, e.oldValue, e.newValue])).toEqual([
        ['memoryGb', 16, null],
        ['make', 'Dell', null],
      ]);
    });

    test('a conflict among several updates refuses only that one, keeping results in input order', async () => {
      const [a, b, c, d] = await fleet('CON', 4);
      if (!a || !b || !c || !d) throw new Error('fleet of 4 expected');
      tick();
      const meanwhile = await store().repos.assets.update({ before: b, patch: { model: 'Changed elsewhere' } }, BY_RUN);
      tick();
      const results = await store().repos.assets.updateMany(
        [
          { before: a, patch: { model: 'A2' } },
          { before: b, patch: { model: 'B2' } },
          { before: c, patch: { make: 'Dell' } },
          { before: d, patch: { model: 'D2', contentHash: 'h1' } },
        ],
        BY_RUN,
      );
      expect(results.map((r) => [r.id, r.outcome])).toEqual([
        [a.id, 'updated'],
        [b.id, 'conflict'],
        [c.id, 'unchanged'],
        [d.id, 'updated'],
      ]);
      expect(results[1]).toEqual({ id: b.id, outcome: 'conflict', changedFields: [], asset: b });
      expect(await store().repos.assets.get(b.id)).toEqual(meanwhile.asset);
      expect((await store().repos.assets.get(d.id))?.contentHash).toBe('h1');
      const updates = await store().repos.audit.listByRun('run-7');
      const fieldsOf = (id: string): (string | null)[] => updates.filter((e) => e.entityId === id && e.action === 'update').map((e) => e.field);
      expect(fieldsOf(b.id)).toEqual(['model']);
      expect(fieldsOf(d.id)).toEqual(['model']);
      expect((await store().repos.audit.listProvenance(b.id)).find((p) => p.field === 'model')?.setAt).toBe(meanwhile.asset.updatedAt);
    });

    test('more updates than one statement holds are split, and an asset given twice is written in order', async () => {
      const assets = await fleet('BIG', 240);
      tick();
      // A tiny parameter budget: each row needs 5 + 2 per column, so ~3 rows fit one statement (the real limits fit hundreds).
      const repo = new AssetRepo({ db: store().db, maxBindParameters: 40, now: () => clock });
      const updates: AssetUpdate[] = assets.map((before, i) => ({
        before,
        patch: i % 2 === 0 ? { osVersion: `10.${String(i)}`, contentHash: `h${String(i)}` } : { name: `BIG-renamed-${String(i)}`, memoryGb: i },
      }));
      const first = assets[0];
      if (!first) throw new Error('fleet of 240 expected');
      const chained = { ...first, osVersion: '10.0', contentHash: 'h0', updatedAt: clock.toISOString() };
      updates.push({ before: first, patch: { osVersion: 'stale' } }, { before: chained, patch: { osVersion: 'chained' } });
      const results = await repo.updateMany(updates, BY_RUN);
      expect(results.slice(0, 240).every((r) => r.outcome === 'updated')).toBe(true);
      expect(results.slice(240).map((r) => r.outcome)).toEqual(['conflict', 'updated']);
      expect((await store().repos.assets.get(first.id))?.osVersion).toBe('chained');
      const odd = assets[77];
      expect(await store().repos.assets.get(odd?.id ?? '')).toMatchObject({ name: 'BIG-renamed-77', memoryGb: 77, osVersion: null });
      expect(await store().repos.assets.count({ search: 'big-renamed-' })).toBe(120);
      expect(await repo.updateMany([{ before: chained, patch: { osVersion: 'x' } }], BY_RUN)).toMatchObject([{ outcome: 'conflict' }]);
    });

    test('a batch of 50 updates with mixed column sets costs a fixed number of statements', async () => {
      const assets = await fleet('RTT', 50);
      tick();
      let statements = 0;
      // why a counting plugin: the round trips saved are the point of the bulk path, and only the executor sees them.
      const counter: KyselyPlugin = {
        transformQuery: (args) => {
          statements += 1;
          return args.node;
        },
        transformResult: (args) => Promise.resolve(args.result),
      };
      const repo = new AssetRepo({ db: store().db.withPlugin(counter), maxBindParameters: 65_535, now: () => clock });
      const results = await repo.updateMany(
        assets.map((before, i) => ({ before, patch: i % 3 === 0 ? { make: 'HP' } : i % 3 === 1 ? { model: null, contentHash: 'x' } : { categoryValues: { n: i } } })),
        BY_RUN,
      );
      expect(results.filter((r) => r.outcome === 'updated')).toHaveLength(50);
      // One update, then provenance, audit and (when an allocation changed) history inserts: never one per asset.
      expect(statements).toBeLessThanOrEqual(3);
    });
  });
}
