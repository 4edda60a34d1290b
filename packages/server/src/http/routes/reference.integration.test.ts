import { DEFAULT_DEVICE_TYPE_RULES, MAPPING_TARGETS } from '@intune-assets/contracts';
import type { ReferenceData } from '@intune-assets/contracts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openTestStore } from '../../store/testing/open-test-store.js';
import type { TestStore } from '../../store/testing/open-test-store.js';
import { createTestApi } from '../testing/api-harness.js';
import type { TestApi, TestClient } from '../testing/api-harness.js';
import { referenceRoutes } from './reference.js';

describe('reference routes', () => {
  let testStore: TestStore;
  let api: TestApi;
  let viewer: TestClient;

  beforeAll(async () => {
    testStore = await openTestStore('sqlite', 'reference routes');
    const { reference } = testStore.store.repos;
    const department = await reference.getDefaultDepartment();
    const group = await reference.getOrCreateGroup(department.id, 'Computers');
    const { category } = await reference.getOrCreateCategory({ departmentId: department.id, groupId: group.id, name: 'Laptop' });
    await reference.setCategoryFields(category.id, [{ name: 'RAM', type: 'number', isRequired: true }, { name: 'Dock', type: 'text', isRequired: false }]);
    const site = await reference.getOrCreateSite(department.id, 'Lisbon');
    const location = await reference.getOrCreateLocation(site.id, 'HQ');
    await reference.getOrCreateStore(location.id, 'IT Store');
    await reference.getOrCreateSubStatus('in_store', 'Ready to deploy');
    api = await createTestApi({ store: testStore.store, routes: [referenceRoutes({ store: testStore.store })] });
    viewer = await api.signIn('viewer');
  });
  afterAll(async () => {
    await api.close();
    await testStore.cleanup();
  });

  test('GET /reference: the dropdowns, categories with their required fields, the mappable register fields', async () => {
    const response = await viewer.get('/api/v1/reference');
    expect(response.status).toBe(200);
    const data = response.json<ReferenceData>();
    expect(data.categories).toContainEqual(expect.objectContaining({
      name: 'Laptop', group: 'Computers',
      fields: [{ name: 'RAM', type: 'number', isRequired: true, target: 'category.RAM' }, { name: 'Dock', type: 'text', isRequired: false, target: 'category.Dock' }],
    }));
    expect(data.stores).toContainEqual(expect.objectContaining({ name: 'IT Store', site: 'Lisbon', location: 'HQ' }));
    expect(data.subStatuses).toContainEqual(expect.objectContaining({ name: 'Ready to deploy', statusKey: 'in_store' }));
    expect(data.statuses.map((s) => s.key)).toEqual(expect.arrayContaining(['in_store', 'allocated', 'retired']));
    expect(data.usageTypes).toContain('Primary');
    expect(data.registerFields.map((f) => f.target)).toEqual([...MAPPING_TARGETS]);
    expect(data.departments.some((d) => d.isDefault)).toBe(true);
  });

  test('GET /device-type-rules/default: the shipped rules in order, and each type\'s category', async () => {
    const body = (await viewer.get('/api/v1/device-type-rules/default')).json<{ rules: unknown[]; categories: Record<string, string> }>();
    expect(body.rules).toEqual(DEFAULT_DEVICE_TYPE_RULES);
    expect(body.categories['mobile']).toBe('Mobile Phone');
    expect((await api.anonymous.get('/api/v1/reference')).status).toBe(401);
  });
});
