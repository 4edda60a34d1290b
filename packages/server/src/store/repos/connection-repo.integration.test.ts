import { describe, expect, test } from 'vitest';
import { DIALECTS, useTestStore } from '../testing/open-test-store.js';

const SETTINGS = {
  tenantId: '7d1f0c4e-0000-4000-8000-000000000001',
  mode: 'inventory',
  filters: { corporateOnly: true, requireSerial: true, platforms: ['windows', 'ios'] },
  batchSize: 50,
  retireSafety: 0.2,
  description: null,
} as const;

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    let clock = new Date('2024-05-01T09:30:00.000Z');
    const store = useTestStore(dialect, `connections ${dialect}`, { now: () => clock });
    const department = async (): Promise<string> => (await store().repos.reference.getDefaultDepartment()).id;

    test('create/get round-trips settings JSON, booleans, timestamps, and secrets exactly as given', async () => {
      const { connections } = store().repos;
      const secret = 'v1.AES-GCM:3q2+7w==:ünïcødé:"quoted"\n';
      const created = await connections.create({ name: 'Contoso', departmentId: await department(), settings: SETTINGS, credentialsEncrypted: secret, isActive: false });
      const read = await connections.get(created.id);
      expect(read).toEqual(created);
      expect(read).toMatchObject({
        name: 'Contoso',
        description: null,
        isActive: false,
        settings: SETTINGS,
        credentialsEncrypted: secret,
        availableFields: null,
        createdAt: '2024-05-01T09:30:00.000Z',
      });
      expect((await connections.getByName('Contoso'))?.id).toBe(created.id);
      await expect(connections.create({ name: 'Contoso', departmentId: await department(), settings: {} })).rejects.toThrow(/unique/i);
    });

    test('update, list by activity, save available fields, delete', async () => {
      const { connections } = store().repos;
      const created = await connections.create({ name: 'Fabrikam', departmentId: await department(), settings: { a: 1 } });
      clock = new Date('2024-05-02T00:00:00.000Z');
      const updated = await connections.update(created.id, { isActive: false, settings: { a: 2, nested: { b: [1, 'two'] } }, credentialsEncrypted: null });
      expect(updated).toMatchObject({ isActive: false, settings: { a: 2, nested: { b: [1, 'two'] } }, credentialsEncrypted: null, updatedAt: '2024-05-02T00:00:00.000Z' });
      expect(await connections.update('missing', { name: 'x' })).toBeUndefined();
      expect((await connections.list({ isActive: false })).map((c) => c.name)).toContain('Fabrikam');
      expect((await connections.list({ isActive: true })).map((c) => c.name)).not.toContain('Fabrikam');

      const fields = [{ name: 'serialNumber', type: 'String' }, 'deviceName'];
      await connections.saveAvailableFields(created.id, { fields, source: 'live' });
      expect((await connections.get(created.id))?.availableFields).toEqual({ fields, source: 'live', at: '2024-05-02T00:00:00.000Z' });
      await expect(connections.saveAvailableFields('missing', { fields, source: 'schema' })).rejects.toThrow(/missing/);

      expect(await connections.delete(created.id)).toBe(true);
      expect(await connections.get(created.id)).toBeUndefined();
    });
  });
}
