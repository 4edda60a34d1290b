import { describe, expect, test } from 'vitest';
import { DIALECTS, useTestStore } from '../testing/open-test-store.js';

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    const store = useTestStore(dialect, `reference ${dialect}`);

    test('places are get-or-create: asking twice returns the same row', async () => {
      const { reference } = store().repos;
      const { id: departmentId } = await reference.getDefaultDepartment();
      const site = await reference.getOrCreateSite(departmentId, 'London');
      expect(await reference.getOrCreateSite(departmentId, 'London')).toEqual(site);
      const location = await reference.getOrCreateLocation(site.id, 'HQ');
      expect(await reference.getOrCreateLocation(site.id, 'HQ')).toEqual(location);
      const storeRoom = await reference.getOrCreateStore(location.id, 'IT store');
      expect(await reference.getOrCreateStore(location.id, 'IT store')).toEqual(storeRoom);
      const floor = await reference.getOrCreateFloor(location.id, '3');
      expect(floor).toMatchObject({ locationId: location.id, name: '3' });
      expect(await reference.listSites(departmentId)).toEqual([site]);
    });

    test('categories are unique by name per department, with their own fields and defaults', async () => {
      const { reference } = store().repos;
      const { id: departmentId } = await reference.getDefaultDepartment();
      const hardware = await reference.getOrCreateGroup(departmentId, 'Hardware');
      const phones = await reference.getOrCreateGroup(departmentId, 'Phones');
      const created = await reference.getOrCreateCategory({ departmentId, groupId: hardware.id, name: 'Laptop' });
      expect(created).toMatchObject({ isCreated: true, category: { name: 'Laptop', groupId: hardware.id, defaultConditionId: null } });
      const again = await reference.getOrCreateCategory({ departmentId, groupId: phones.id, name: 'Laptop' });
      expect(again).toEqual({ isCreated: false, category: created.category });

      const [good] = await reference.listConditions();
      const inStoreNew = await reference.getOrCreateSubStatus('in_store', 'New');
      expect(await reference.getOrCreateSubStatus('in_store', 'New')).toEqual(inStoreNew);
      await reference.setCategoryDefaults(created.category.id, { defaultConditionId: good?.id ?? null, defaultSubStatusId: inStoreNew.id });
      expect(await reference.getCategory(created.category.id)).toMatchObject({ defaultConditionId: good?.id, defaultSubStatusId: inStoreNew.id, defaultStoreId: null });

      await reference.setCategoryFields(created.category.id, [
        { name: 'Warranty end', type: 'date', isRequired: true },
        { name: 'Docking station', type: 'boolean', isRequired: false },
      ]);
      const fields = await reference.listCategoryFields(created.category.id);
      expect(fields.map((f) => [f.name, f.type, f.isRequired, f.sortOrder])).toEqual([
        ['Warranty end', 'date', true, 0],
        ['Docking station', 'boolean', false, 1],
      ]);
      expect(await reference.setCategoryFields(created.category.id, [])).toEqual([]);
      expect(await reference.listCategoryFields(created.category.id)).toEqual([]);
    });

    test('statuses rename, conditions extend, departments get their own tag sequence', async () => {
      const { reference, assets } = store().repos;
      await reference.renameStatus('in_store', 'Stock');
      expect((await reference.listStatuses())[0]).toEqual({ key: 'in_store', displayName: 'Stock', sortOrder: 1 });
      const lost = await reference.getOrCreateCondition('lost parts');
      expect(lost.sortOrder).toBe(4);
      expect(await reference.getOrCreateCondition('lost parts')).toEqual(lost);
      const emea = await reference.createDepartment({ name: 'EMEA', assetTagPrefix: 'EM-' });
      const asset = await assets.insert({ departmentId: emea.id, name: 'x' }, { actor: { type: 'system', id: null }, source: 'import' });
      expect(asset.assetTag).toBe('EM-000001');
      expect((await reference.listDepartments()).map((d) => [d.name, d.isDefault])).toEqual([
        ['Default', true],
        ['EMEA', false],
      ]);
    });
  });
}
