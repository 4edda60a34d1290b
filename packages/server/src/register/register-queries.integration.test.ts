import { beforeAll, describe, expect, it } from 'vitest';
import { AssetListQuery, UserListQuery } from '@intune-assets/contracts';
import type { AssetListItem } from '@intune-assets/contracts';
import { toSerialKey } from '../domain/asset.js';
import type { Asset } from '../domain/asset.js';
import { SecretBox } from '../security/secret-box.js';
import { DIALECTS, useTestStore } from '../store/testing/open-test-store.js';
import { BYPASS_CODE_CONTEXT, RegisterQueries } from './register-queries.js';
import { seedRegister } from './testing/seed-register.js';
import type { SeededRegister } from './testing/seed-register.js';

const BOX = new SecretBox(Buffer.alloc(32, 3));
const NOW = new Date('2026-07-01T12:00:00.000Z');

async function allPages(queries: RegisterQueries, raw: Record<string, string>): Promise<AssetListItem[]> {
  const items: AssetListItem[] = [];
  let cursor: string | null = null;
  do {
    const page = await queries.listAssets(AssetListQuery.parse({ ...raw, limit: '37', ...(cursor === null ? {} : { cursor }) }));
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}

for (const dialect of DIALECTS) {
  describe(`RegisterQueries on ${dialect}`, () => {
    const store = useTestStore(dialect, 'register queries');
    let seed: SeededRegister;
    let queries: RegisterQueries;
    let all: Asset[];
    let manual: Asset;

    beforeAll(async () => {
      seed = await seedRegister(store(), { assets: 400 });
      queries = new RegisterQueries({ store: store(), secretBox: BOX, now: () => NOW });
      const departmentId = seed.departmentId;
      manual = await store().repos.assets.insert(
        { departmentId, name: null, serialNumber: 'HAND-1', source: 'manual', activationLockBypassCodeEncrypted: BOX.seal('ABCDE-FGHIJ-KLMNO', BYPASS_CODE_CONTEXT) },
        { actor: { type: 'user', id: 'acct-1' }, source: 'user:acct-1' },
      );
      const rows = await store().db.selectFrom('fixed_assets').select('id').execute();
      all = (await Promise.all(rows.map((r) => store().repos.assets.get(r.id)))).filter((a): a is Asset => a !== undefined);
    });

    it('pages every matching asset exactly once, in order, with an exact total, for each sort', async () => {
      const category = seed.categoryIds[0] ?? '';
      const expected = all.filter((a) => a.categoryId === category);
      for (const sort of ['assetTag', '-assetTag', 'updatedAt', '-createdAt', 'name', '-name']) {
        const items = await allPages(queries, { category, sort });
        expect(items.map((i) => i.id).sort()).toEqual(expected.map((a) => a.id).sort());
        const key = sort.replace('-', '') as 'assetTag' | 'updatedAt' | 'createdAt' | 'name';
        const values = items.map((i) => (key === 'name' ? (i.name ?? '').toLowerCase() : i[key]));
        const ordered = [...values].sort();
        expect(values).toEqual(sort.startsWith('-') ? ordered.reverse() : ordered);
      }
      const first = await queries.listAssets(AssetListQuery.parse({ category }));
      expect(first).toMatchObject({ total: expected.length, totalIsEstimate: false });
      expect(first.items[0]?.category?.id).toBe(category);
    });

    it('sorts assets without a name first by name and still pages past them', async () => {
      const items = await allPages(queries, { source: 'manual', sort: 'name' });
      expect(items[0]?.id).toBe(manual.id);
      expect(items).toHaveLength(all.filter((a) => a.source === 'manual').length);
    });

    it('combines status, sub-status, source, connection and user filters', async () => {
      const user = seed.sampleUserId;
      const page = await queries.listAssets(AssetListQuery.parse({ status: 'allocated', user, connection: seed.connectionId, source: 'intune' }));
      const expected = all.filter((a) => a.statusKey === 'allocated' && a.allocatedUserId === user && a.sourceConnectionId === seed.connectionId && a.source === 'intune');
      expect(page.items.map((i) => i.id).sort()).toEqual(expected.map((a) => a.id).sort());
      expect(page.items[0]).toMatchObject({ status: { key: 'allocated', name: 'Allocated' }, allocatedUser: { id: user, email: seed.sampleEmail } });
      const retired = await queries.listAssets(AssetListQuery.parse({ status: 'retired' }));
      expect(retired.total).toBe(all.filter((a) => a.statusKey === 'retired').length);
    });

    it('searches by prefix of asset tag, serial (punctuation ignored), name, and user email or name, case-insensitively', async () => {
      const target = all.find((a) => a.serialNumber === seed.sampleSerial);
      const serial = seed.sampleSerial;
      const search = async (term: string) => (await allPages(queries, { search: term })).map((i) => i.id);
      expect(await search(`${serial.slice(0, 3)}-${serial.slice(3, 8).toLowerCase()}`)).toContain(target?.id);
      expect(await search(seed.sampleName.toLowerCase())).toContain(target?.id);
      expect(await search('ast-00001')).toHaveLength(10);
      const byEmail = await search(seed.sampleEmail.toUpperCase());
      expect(byEmail.sort()).toEqual(all.filter((a) => a.allocatedUserId === seed.sampleUserId).map((a) => a.id).sort());
      const [first, last] = seed.sampleEmail.split('@')[0]?.split('.') ?? [];
      const byName = await search(`${first ?? ''} ${(last ?? '').replace(/\d+$/, '')}`.toLowerCase());
      expect(byName).toEqual(expect.arrayContaining(byEmail));
      expect(await search('zzz-no-such-thing')).toEqual([]);
      const total = (await queries.listAssets(AssetListQuery.parse({ search: serial.slice(0, 4) }))).total;
      expect(total).toBe(all.filter((a) => (toSerialKey(a.serialNumber) ?? '').startsWith(serial.slice(0, 4)) || a.assetTag.startsWith(serial.slice(0, 4)) || (a.name ?? '').toLowerCase().startsWith(serial.slice(0, 4).toLowerCase())).length);
    });

    it('refuses a cursor that is not ours or belongs to another sort, naming cursor', async () => {
      const page = await queries.listAssets(AssetListQuery.parse({ limit: '5' }));
      await expect(queries.listAssets(AssetListQuery.parse({ cursor: 'bogus' }))).rejects.toMatchObject({ code: 'input_invalid', details: { issues: [{ path: 'cursor' }] } });
      await expect(queries.listAssets(AssetListQuery.parse({ cursor: page.nextCursor ?? '', sort: 'name' }))).rejects.toMatchObject({ code: 'input_invalid' });
    });

    it('details an asset: labelled fields resolved to names, provenance and last change per field, allocations, audit', async () => {
      const target = all.find((a) => a.allocatedUserId !== null && a.source === 'intune') as Asset;
      const other = seed.userIds.find((id) => id !== target.allocatedUserId) ?? '';
      await store().repos.assets.update(
        { before: target, patch: { model: 'Edited by hand', allocatedUserId: other } },
        { actor: { type: 'user', id: 'acct-9' }, source: 'user:acct-9' },
      );
      const detail = await queries.getAsset(target.id);
      const field = (name: string) => detail.fields.find((f) => f.field === name);
      expect(field('model')).toMatchObject({ label: 'Model', value: 'Edited by hand', display: 'Edited by hand', provenance: { kind: 'manual', source: 'user:acct-9' } });
      expect(field('model')?.lastChange).toMatchObject({ actor: { type: 'user', id: 'acct-9' }, oldValue: target.model });
      const categoryName = (await queries.facets()).categories.find((c) => c.id === target.categoryId)?.name;
      expect(field('categoryId')).toMatchObject({ label: 'Category', value: target.categoryId, display: categoryName });
      expect(field('allocatedUserId')?.display).not.toBe(other);
      expect(field('statusKey')).toMatchObject({ value: 'allocated', display: 'Allocated' });
      expect(detail.allocationHistory.map((a) => [a.action, a.user.id])).toEqual([
        ['unallocated', target.allocatedUserId],
        ['allocated', other],
      ]);
      expect(detail.audit.items[0]).toMatchObject({ action: 'update', actor: { type: 'user', id: 'acct-9' } });
      expect(detail).toMatchObject({ software: [], hasBypassCode: false });
      await expect(queries.getAsset('no-such-asset')).rejects.toMatchObject({ code: 'not_found' });
    });

    it('attributes fields set at creation to the creating source', async () => {
      const detail = await queries.getAsset(manual.id);
      expect(detail.fields.find((f) => f.field === 'serialNumber')).toMatchObject({ provenance: { kind: 'manual', source: 'user:acct-1' }, lastChange: null });
      expect(detail.hasBypassCode).toBe(true);
      expect(JSON.stringify(detail)).not.toContain('ABCDE');
    });

    it('reveals a bypass code and audits the reveal, newest first, without the code', async () => {
      expect(await queries.revealBypassCode(manual.id, { accountId: 'admin-1' })).toBe('ABCDE-FGHIJ-KLMNO');
      const audit = await queries.listAssetAudit(manual.id, {});
      expect(audit.items[0]).toMatchObject({ action: 'bypass_code_revealed', actor: { type: 'user', id: 'admin-1' }, at: NOW.toISOString(), newValue: null });
      expect(JSON.stringify(audit)).not.toContain('ABCDE');
      const withoutCode = all.find((a) => a.activationLockBypassCodeEncrypted === null) as Asset;
      await expect(queries.revealBypassCode(withoutCode.id, { accountId: 'admin-1' })).rejects.toMatchObject({ code: 'not_found' });
      await expect(queries.revealBypassCode('missing', { accountId: 'admin-1' })).rejects.toMatchObject({ code: 'not_found' });
    });

    it('pages the audit log with before, and refuses a before that is not ours', async () => {
      const first = await queries.listAssetAudit(manual.id, { limit: 1 });
      expect(first.nextCursor).not.toBeNull();
      const second = await queries.listAssetAudit(manual.id, { before: first.nextCursor ?? '', limit: 1 });
      expect(second.items[0]?.id).toBeLessThan(first.items[0]?.id ?? 0);
      await expect(queries.listAssetAudit(manual.id, { before: 'x1' })).rejects.toMatchObject({ details: { issues: [{ path: 'before' }] } });
    });

    it('lists users by search and activity, keyset-paged, and details one with their assets', async () => {
      const page = await queries.listUsers(UserListQuery.parse({ search: seed.sampleEmail.slice(0, 12).toUpperCase() }));
      expect(page.items.map((u) => u.email)).toContain(seed.sampleEmail);
      expect(page.items.every((u) => (u.email ?? '').toLowerCase().startsWith(seed.sampleEmail.slice(0, 12).toLowerCase()))).toBe(true);
      const seen = new Set<string>();
      let cursor: string | null = null;
      do {
        const next = await queries.listUsers(UserListQuery.parse({ active: 'false', limit: '3', ...(cursor === null ? {} : { cursor }) }));
        for (const u of next.items) {
          expect(u.isActive).toBe(false);
          seen.add(u.id);
        }
        cursor = next.nextCursor;
      } while (cursor !== null);
      expect(seen.size).toBe(seed.userIds.filter((_, i) => i % 20 === 0).length);
      const detail = await queries.getUser(seed.sampleUserId);
      expect(detail.user).toMatchObject({ id: seed.sampleUserId, email: seed.sampleEmail });
      const theirs = await store().db.selectFrom('fixed_assets').select('id').where('allocated_user_id', '=', seed.sampleUserId).execute();
      expect(detail.assets.map((a) => a.id).sort()).toEqual(theirs.map((a) => a.id).sort());
      await expect(queries.getUser('nobody')).rejects.toMatchObject({ code: 'not_found' });
    });

    it('lists facets for the filter dropdowns', async () => {
      const facets = await queries.facets();
      expect(facets.categories.map((c) => c.name)).toEqual(expect.arrayContaining(['Laptop', 'Kiosk']));
      expect(facets.statuses.find((s) => s.key === 'allocated')?.subStatuses.map((s) => s.name)).toEqual(['Issued']);
      expect(facets.sources).toEqual(['import', 'intune', 'manual']);
      expect(facets.connections.map((c) => c.id)).toContain(seed.connectionId);
    });

    it('exports the filtered list as CSV with a labelled header', async () => {
      let csv = '';
      for await (const chunk of queries.exportAssetsCsv({ status: 'retired', sort: 'assetTag' })) csv += chunk;
      const lines = csv.trimEnd().split('\r\n');
      expect(lines[0]).toMatch(/^Asset tag,Name,Serial number,Category,Status,/);
      expect(lines).toHaveLength(1 + all.filter((a) => a.statusKey === 'retired').length);
      expect(lines[1]).toContain(',Retired,');
    });
  });
}
