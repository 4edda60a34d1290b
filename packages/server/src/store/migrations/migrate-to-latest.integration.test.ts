import { describe, expect, test } from 'vitest';
import { migrateToLatest } from './migrate-to-latest.js';
import { DIALECTS, useTestStore } from '../testing/open-test-store.js';

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    const store = useTestStore(dialect, `migrations ${dialect}`);

    test('a second run applies nothing and reports no error', async () => {
      const result = await migrateToLatest(store().db);
      expect(result.error).toBeUndefined();
      expect(result.results).toEqual([]);
    });

    test('seeds the seven statuses, three conditions and one default department', async () => {
      const { reference } = store().repos;
      const statuses = await reference.listStatuses();
      expect(statuses.map((s) => s.key)).toEqual(['in_store', 'allocated', 'in_transit', 'in_repair', 'inactive', 'missing', 'retired']);
      expect(statuses[0]).toEqual({ key: 'in_store', displayName: 'In Store', sortOrder: 1 });
      expect((await reference.listConditions()).map((c) => c.name)).toEqual(['good', 'faulty', 'damaged']);
      const department = await reference.getDefaultDepartment();
      expect(department).toMatchObject({ name: 'Default', isDefault: true });
      expect(department.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });

    test('enforces foreign keys', async () => {
      await expect(
        store().repos.reference.getOrCreateLocation('no-such-site', 'HQ'),
      ).rejects.toThrow(/foreign key/i);
    });
  });
}
