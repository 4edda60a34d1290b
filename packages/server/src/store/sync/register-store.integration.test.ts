import { describe, expect, test } from 'vitest';
import type { Asset } from '../../domain/asset.js';
import type { RegisterStore } from '../../sync/ports.js';
import { DIALECTS, useTestStore } from '../testing/open-test-store.js';
import { intuneFields, seedConnectionRun, snapshotCounts } from '../testing/sync-fixtures.js';
import type { SyncFixture } from '../testing/sync-fixtures.js';
import { readAssets } from './asset-reader.js';
import { createRegisterStore } from './register-store.js';

// The third pass writes through the writer thread (`offThreadWrites`), as `sync`, `serve` and `demo` do.
const VARIANTS = [...DIALECTS.map((dialect) => ({ dialect, offThreadWrites: false })), { dialect: 'sqlite' as const, offThreadWrites: true }];

for (const { dialect, offThreadWrites } of VARIANTS) {
  describe(`${dialect}${offThreadWrites ? ' (writer thread)' : ''}`, () => {
    const clock = { now: new Date('2024-05-01T09:30:00.000Z') };
    const store = useTestStore(dialect, `register store ${dialect}`, { now: () => clock.now, offThreadWrites });
    let seq = 0;
    const setup = async (): Promise<{ fx: SyncFixture; register: RegisterStore }> => {
      seq += 1;
      expect(store().writer?.isRunning ?? false).toBe(offThreadWrites);
      const fx = await seedConnectionRun(store(), `conn ${String(seq)}`);
      // The port the pipeline is typed against: this assignment is where the compiler checks the two agree.
      const register: RegisterStore = createRegisterStore(store(), { departmentId: fx.departmentId, dryRun: false, now: () => clock.now });
      return { fx, register };
    };
    const create = async (register: RegisterStore, fx: SyncFixture, devices: Record<string, Parameters<typeof intuneFields>[0]>) =>
      register.writeBatch({
        runId: fx.runId,
        connectionId: fx.connectionId,
        actor: 'Intune integration',
        batch: {
          creates: Object.entries(devices).map(([deviceId, fields]) => ({ deviceId, fields: intuneFields(fields) })),
          updates: [],
          outcomes: Object.keys(devices).map((deviceId) => ({ deviceId, deviceName: null, outcome: 'created' as const, reason: null, assetId: null })),
        },
      });
    const asset = async (id: string | undefined): Promise<Asset> => {
      const found = id === undefined ? undefined : await store().repos.assets.get(id);
      if (!found) throw new Error(`asset ${String(id)} not found`);
      return found;
    };

    test('findAssets matches Azure AD device ids whatever their case or braces, on either side', async () => {
      const { fx, register } = await setup();
      const { created } = await create(register, fx, {
        'dev-upper': { azureAdDeviceId: '6F9619FF-8B86-D011-B42D-00C04FC964FF' },
        'dev-braced': { azureAdDeviceId: '{0e1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b}' },
        'dev-other': { azureAdDeviceId: '11111111-2222-4333-8444-555555555555' },
      });
      const find = async (matchValues: string[]) =>
        (await register.findAssets({ departmentId: fx.departmentId, intuneDeviceIds: [], matchField: 'azureAdDeviceId', matchValues })).map((x) => x.id).sort();
      expect(await find(['6f9619ff-8b86-d011-b42d-00c04fc964ff'])).toEqual([created.get('dev-upper')]);
      expect(await find(['{6F9619FF-8B86-D011-B42D-00C04FC964FF}'])).toEqual([created.get('dev-upper')]);
      expect(await find(['0E1A2B3C-4D5E-4F60-8A7B-9C0D1E2F3A4B', 'ffffffff-0000-4000-8000-000000000000'])).toEqual([created.get('dev-braced')]);
      // The Kysely repo path (API, manual matching) answers the same.
      const byRepo = await store().repos.assets.findManyBy('azureAdDeviceId', ['6f9619ff-8b86-d011-b42d-00c04fc964ff', '{0E1A2B3C-4D5E-4F60-8A7B-9C0D1E2F3A4B}'], { departmentId: fx.departmentId });
      expect(byRepo.map((x) => x.id).sort()).toEqual([created.get('dev-upper'), created.get('dev-braced')].sort());
    });

    test('findAssets finds by linked Intune id and by every match field, normalising the values', async () => {
      const { fx, register } = await setup();
      const { created } = await create(register, fx, {
        'dev-a': { intuneDeviceId: 'dev-a', serialNumber: 'C02XK1234', name: 'LAPTOP-Ann', wifiMac: 'A1:B2:C3:D4:E5:F6', imei: '356938035643809', azureAdDeviceId: 'aad-a' },
        'dev-b': { serialNumber: 'ZZ-99', ethernetMac: '00-1a-2b-3c-4d-5e' },
      });
      const [a, b] = [created.get('dev-a'), created.get('dev-b')];
      const find = async (matchField: Parameters<RegisterStore['findAssets']>[0]['matchField'], matchValues: string[], intuneDeviceIds: string[] = []) =>
        (await register.findAssets({ departmentId: fx.departmentId, intuneDeviceIds, matchField, matchValues })).map((x) => x.id).sort();
      expect(await find('serialNumber', [], ['dev-a'])).toEqual([a]);
      const [whole] = await register.findAssets({ departmentId: fx.departmentId, intuneDeviceIds: ['dev-a'], matchField: 'serialNumber', matchValues: [] });
      expect(whole).toEqual(await asset(a));
      const chunked = await store().bulkRead((sql) =>
        readAssets(sql, { departmentId: fx.departmentId, intuneDeviceIds: ['dev-a', 'x1', 'x2'], matchField: 'mac', matchValues: ['001a2b3c4d5e', 'ff', 'ee'], maxBindParameters: 102 }),
      );
      expect(chunked.map((x) => x.id).sort()).toEqual([a, b].sort());
      expect(await find('serialNumber', ['c02 xk-1234'])).toEqual([a]);
      expect(await find('serialNumber', ['zz99', 'c02xk1234'], ['dev-a'])).toEqual([a, b].sort());
      expect(await find('name', ['  laptop-ann '])).toEqual([a]);
      expect(await find('mac', ['a1b2c3d4e5f6'])).toEqual([a]);
      expect(await find('mac', ['00:1A:2B:3C:4D:5E', 'a1-b2-c3-d4-e5-f6'])).toEqual([a, b].sort());
      expect(await find('imei', ['356938035643809'])).toEqual([a]);
      expect(await find('azureAdDeviceId', ['aad-a'])).toEqual([a]);
      expect(await find('azureAdDeviceId', [' AAD-A '])).toEqual([a]);
      expect(await find('serialNumber', ['nothing'], ['no-such-device'])).toEqual([]);
      const other = await store().repos.reference.createDepartment({ name: `Other ${dialect}` });
      expect(await register.findAssets({ departmentId: other.id, intuneDeviceIds: ['dev-a'], matchField: 'serialNumber', matchValues: ['C02XK1234'] })).toEqual([]);
    });

    test('writeBatch creates, updates and records outcomes in one call', async () => {
      const { fx, register } = await setup();
      const first = await create(register, fx, { 'dev-u': { intuneDeviceId: 'dev-u', serialNumber: 'UPD1', osVersion: '10.0.1' } });
      const before = await asset(first.created.get('dev-u'));
      expect(before).toMatchObject({ serialNumber: 'UPD1', sourceConnectionId: fx.connectionId, source: 'intune', createdAt: clock.now.toISOString() });
      expect(before.assetTag).toMatch(/^AST-\d{6}$/);
      const result = await register.writeBatch({
        runId: fx.runId,
        connectionId: fx.connectionId,
        actor: 'Intune integration',
        batch: {
          creates: [{ deviceId: 'dev-n', fields: intuneFields({ intuneDeviceId: 'dev-n', serialNumber: 'NEW1' }) }],
          updates: [{ deviceId: 'dev-u', before, patch: { osVersion: '10.0.2', make: 'Dell' } }],
          outcomes: [
            { deviceId: 'dev-n', deviceName: null, outcome: 'created', reason: null, assetId: null },
            { deviceId: 'dev-u', deviceName: null, outcome: 'updated', reason: null, assetId: before.id },
            { deviceId: 'dev-s', deviceName: 'PERSONAL-PHONE', outcome: 'skipped', reason: 'personal_device', assetId: null },
          ],
        },
      });
      expect(result.updated).toBe(1);
      expect(result.conflicts).toEqual([]);
      expect((await asset(before.id)).osVersion).toBe('10.0.2');
      const createdId = result.created.get('dev-n');
      expect((await asset(createdId)).serialNumber).toBe('NEW1');
      const devices = (await store().repos.runs.listDevices(fx.runId)).items;
      expect(devices.slice(-3)).toEqual([
        { runId: fx.runId, intuneDeviceId: 'dev-n', outcome: 'created', reason: null, assetId: createdId },
        { runId: fx.runId, intuneDeviceId: 'dev-u', outcome: 'updated', reason: null, assetId: before.id },
        { runId: fx.runId, intuneDeviceId: 'dev-s', outcome: 'skipped', reason: 'personal_device', assetId: null },
      ]);
    });

    test('concurrent batches get distinct, gapless asset tags', async () => {
      const { fx, register } = await setup();
      const results = await Promise.all(
        [0, 1, 2, 3].map((n) => create(register, fx, Object.fromEntries([0, 1, 2, 3, 4].map((i) => [`dev-t${String(n)}-${String(i)}`, { serialNumber: `TAG${String(n)}${String(i)}` }])))),
      );
      const tags = await Promise.all(results.flatMap((r) => [...r.created.values()]).map(async (id) => Number((await asset(id)).assetTag.slice(4))));
      tags.sort((x, y) => x - y);
      expect(new Set(tags).size).toBe(20);
      expect((tags.at(-1) ?? 0) - (tags[0] ?? 0)).toBe(19);
    });

    test('a failure mid-batch writes nothing of the batch', async () => {
      const { fx, register } = await setup();
      const { created } = await create(register, fx, { 'dev-f': { serialNumber: 'FAIL1' } });
      const before = await asset(created.get('dev-f'));
      const counts = await snapshotCounts(store());
      await expect(
        register.writeBatch({
          runId: fx.runId,
          connectionId: fx.connectionId,
          actor: 'Intune integration',
          batch: {
            creates: [{ deviceId: 'dev-g', fields: intuneFields({ serialNumber: 'GONE1' }) }],
            // The creates are written first; this update then breaks a foreign key.
            updates: [{ deviceId: 'dev-f', before, patch: { categoryId: 'no-such-category' } }],
            outcomes: [{ deviceId: 'dev-g', deviceName: null, outcome: 'created', reason: null, assetId: null }],
          },
        }),
      ).rejects.toThrow(new RegExp(`batch of run ${fx.runId} .*nothing of it was written`));
      expect(await snapshotCounts(store())).toEqual(counts);
      expect(await asset(before.id)).toEqual(before);
    });

    test('a stale `before` is a conflict: the newer edit stays and the outcome says so', async () => {
      const { fx, register } = await setup();
      const { created } = await create(register, fx, { 'dev-c': { serialNumber: 'CONF1', model: 'Old' } });
      const before = await asset(created.get('dev-c'));
      clock.now = new Date(clock.now.getTime() + 1000);
      await store().repos.assets.update({ before, patch: { model: 'Edited by hand' } }, { actor: { type: 'user', id: 'u1' }, source: 'user:u1' });
      const result = await register.writeBatch({
        runId: fx.runId,
        connectionId: fx.connectionId,
        actor: 'Intune integration',
        batch: { creates: [], updates: [{ deviceId: 'dev-c', before, patch: { model: 'From Intune' } }], outcomes: [{ deviceId: 'dev-c', deviceName: null, outcome: 'updated', reason: null, assetId: before.id }] },
      });
      expect(result).toEqual({ created: new Map(), updated: 0, conflicts: ['dev-c'] });
      expect((await asset(before.id)).model).toBe('Edited by hand');
      expect((await store().repos.runs.listDevices(fx.runId)).items.at(-1)).toMatchObject({ intuneDeviceId: 'dev-c', outcome: 'failed', reason: 'conflict' });
    });

    test('provenance answers per field after create and after update; audit rows carry the run id', async () => {
      const { fx, register } = await setup();
      const createdAt = clock.now.toISOString();
      const { created } = await create(register, fx, { 'dev-p': { serialNumber: 'PROV1', model: 'M1', colour: null, activationLockBypassCodeEncrypted: 'v1:iv:ct' } });
      const before = await asset(created.get('dev-p'));
      const source = `intune:${fx.connectionId}`;
      const afterCreate = await store().repos.audit.listProvenance(before.id);
      expect(afterCreate.find((p) => p.field === 'model')).toEqual({ assetId: before.id, field: 'model', source, runId: fx.runId, setAt: createdAt });
      expect(afterCreate.map((p) => p.field)).toEqual(expect.arrayContaining(['serialNumber', 'make', 'statusKey', 'activationLockBypassCodeEncrypted']));
      expect(afterCreate.map((p) => p.field)).not.toContain('colour');
      expect(afterCreate.map((p) => p.field)).not.toContain('lastSeenInSourceAt');

      const run2 = await store().repos.runs.create({ connectionId: fx.connectionId });
      clock.now = new Date(clock.now.getTime() + 60_000);
      await register.writeBatch({
        runId: run2.id,
        connectionId: fx.connectionId,
        actor: 'Intune integration',
        batch: { creates: [], updates: [{ deviceId: 'dev-p', before, patch: { model: 'M2', colour: 'black', activationLockBypassCodeEncrypted: 'v1:iv:ct2' } }], outcomes: [] },
      });
      const afterUpdate = new Map((await store().repos.audit.listProvenance(before.id)).map((p) => [p.field, p]));
      expect(afterUpdate.get('model')).toMatchObject({ runId: run2.id, setAt: clock.now.toISOString(), source });
      expect(afterUpdate.get('colour')).toMatchObject({ runId: run2.id });
      expect(afterUpdate.get('serialNumber')).toMatchObject({ runId: fx.runId, setAt: createdAt });

      const createRows = await store().repos.audit.listByRun(fx.runId);
      expect(createRows.find((e) => e.entityId === before.id)).toMatchObject({
        action: 'create',
        actor: { type: 'run', id: fx.runId },
        newValue: { assetTag: before.assetTag, source, createdBy: 'Intune integration' },
      });
      const updateRows = (await store().repos.audit.listByRun(run2.id)).filter((e) => e.entityId === before.id);
      expect(updateRows.map((e) => e.field).sort()).toEqual(['activationLockBypassCodeEncrypted', 'colour', 'model']);
      expect(updateRows.find((e) => e.field === 'model')).toMatchObject({ oldValue: 'M1', newValue: 'M2', runId: run2.id });
      expect(updateRows.find((e) => e.field === 'activationLockBypassCodeEncrypted')).toMatchObject({ oldValue: '[redacted]', newValue: '[redacted]' });
    });

    test('employees that exist already (same email, or same source and external id) are reused, the rest created once', async () => {
      const { fx, register } = await setup();
      const source = `intune:${fx.connectionId}`;
      const employee = (key: string, email: string, externalId: string | null) => ({ key, email, upn: null, employeeId: null, samAccountName: null, firstName: 'F', lastName: 'L', externalId });
      const first = await register.createUsers({ departmentId: fx.departmentId, source, users: [employee('carol', 'Carol@Example.com', 'ext-carol'), employee('dave', 'dave@example.com', 'ext-dave')] }).written;
      const again = await register.createUsers({
        departmentId: fx.departmentId,
        source,
        users: [
          employee('carol-again', 'carol@example.com', null),
          employee('dave-renamed', 'dave.new@example.com', 'ext-dave'),
          employee('erin', 'erin@example.com', 'ext-erin'),
          employee('erin-twice', 'ERIN@example.com', null),
        ],
      }).written;
      expect(again.get('carol-again')).toBe(first.get('carol'));
      expect(again.get('dave-renamed')).toBe(first.get('dave'));
      expect(again.get('erin-twice')).toBe(again.get('erin'));
      const users = await store().db.selectFrom('users').select(['id', 'email_lower']).where('department_id', '=', fx.departmentId).execute();
      expect(users.map((u) => u.email_lower).sort()).toEqual(['carol@example.com', 'dave@example.com', 'erin@example.com']);
    });

    test('a batch asked for right after createUsers allocates to the ids it handed out; an employee that existed is reused under its own id', async () => {
      const { fx, register } = await setup();
      const source = `intune:${fx.connectionId}`;
      const existing = await store().repos.users.insert({ departmentId: fx.departmentId, email: 'Fay@Example.com', source: 'manual' });
      const employee = (key: string) => ({ key, email: `${key}@example.com`, upn: null, employeeId: null, samAccountName: null, firstName: 'F', lastName: 'L', externalId: null });
      const asked = register.createUsers({ departmentId: fx.departmentId, source, users: [employee('fay'), employee('gus')] });
      const [fay, gus] = [asked.ids.get('fay') ?? '', asked.ids.get('gus') ?? ''];
      expect(fay).not.toBe(existing.id);
      // Not awaited: the register applies its writes in the order asked, so the employees are there first.
      const batch = create(register, fx, {
        'dev-fay': { serialNumber: 'FAY1', allocatedUserId: fay, statusKey: 'allocated' },
        'dev-gus': { serialNumber: 'GUS1', allocatedUserId: gus, statusKey: 'allocated' },
      });
      expect(await asked.written).toEqual(new Map([['fay', existing.id], ['gus', gus]]));
      const { created } = await batch;
      expect((await asset(created.get('dev-fay'))).allocatedUserId).toBe(existing.id);
      expect((await asset(created.get('dev-gus'))).allocatedUserId).toBe(gus);
      expect((await store().repos.audit.listAllocations(created.get('dev-fay') ?? '')).map((h) => h.userId)).toEqual([existing.id]);
      const before = await asset(created.get('dev-gus'));
      await register.writeBatch({ runId: fx.runId, connectionId: fx.connectionId, actor: 'Intune integration', batch: { creates: [], updates: [{ deviceId: 'dev-gus', before, patch: { allocatedUserId: fay } }], outcomes: [] } });
      expect((await asset(created.get('dev-gus'))).allocatedUserId).toBe(existing.id);
    });

    test('allocation history follows the allocated user, tagged with the run', async () => {
      const { fx, register } = await setup();
      const ids = await register.createUsers({
        departmentId: fx.departmentId,
        source: `intune:${fx.connectionId}`,
        users: ['ann', 'bob'].map((n) => ({ key: `${n}@example.com`, email: `${n}@example.com`, upn: null, employeeId: null, samAccountName: null, firstName: n, lastName: 'X', externalId: null })),
      }).written;
      const [ann, bob] = [ids.get('ann@example.com') ?? '', ids.get('bob@example.com') ?? ''];
      const { created } = await create(register, fx, { 'dev-h': { serialNumber: 'ALLOC1', allocatedUserId: ann, statusKey: 'allocated' } });
      const before = await asset(created.get('dev-h'));
      await register.writeBatch({
        runId: fx.runId,
        connectionId: fx.connectionId,
        actor: 'Intune integration',
        batch: { creates: [], updates: [{ deviceId: 'dev-h', before, patch: { allocatedUserId: bob } }], outcomes: [] },
      });
      const history = await store().repos.audit.listAllocations(before.id);
      expect(history.map((h) => [h.action, h.userId, h.runId])).toEqual([
        ['allocated', ann, fx.runId],
        ['unallocated', ann, fx.runId],
        ['allocated', bob, fx.runId],
      ]);
    });
  });
}
