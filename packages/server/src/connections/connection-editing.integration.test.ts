import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { laptop, laptops } from '../runs/testing/scenario.js';
import { connectionDocument, startScenarioTenant } from '../runs/testing/sync-harness.js';
import type { ScenarioTenant } from '../runs/testing/sync-harness.js';
import { SecretBox } from '../security/secret-box.js';
import { DIALECTS, useTestStore } from '../store/testing/open-test-store.js';
import { listConnectionItems } from './connection-dashboard.js';
import { ConnectionPreviewService } from './connection-preview.js';
import { ConnectionService } from './connection-service.js';
import { readReferenceData } from './reference-data.js';

const GIB = 1_073_741_824;
const ANALYST = { type: 'user', id: 'account-analyst' } as const;

describe.each(DIALECTS)('connection editing for the API on %s', (dialect) => {
  const store = useTestStore(dialect, 'connection editing');
  let tenant: ScenarioTenant;
  let service: ConnectionService;
  let preview: ConnectionPreviewService;
  const doc = (name: string, settings: Record<string, unknown> = {}): Record<string, unknown> => connectionDocument(tenant.emulator, name, settings);

  beforeAll(async () => {
    tenant = await startScenarioTenant({
      devices: [...laptops(1, 6), laptop(7, { managedDeviceOwnerType: 'personal' }), laptop(8, { physicalMemoryInBytes: 32 * GIB })],
    });
    service = new ConnectionService({ store: store(), secretBox: new SecretBox(randomBytes(32)) });
    preview = new ConnectionPreviewService(service);
  });
  afterAll(async () => {
    await tenant.close();
  });

  test('create gives the view: every setting, hasSecret and its date, never the secret; a taken name is a conflict on `name`', async () => {
    const view = await service.create(doc('Contoso'), { actor: ANALYST });
    expect(view).toMatchObject({ name: 'Contoso', hasSecret: true, syncMode: 'inventory', lastTest: null, secretUpdatedAt: expect.any(String) });
    expect(view).not.toHaveProperty('clientSecret');
    expect(JSON.stringify(view)).not.toContain(tenant.emulator.clientSecret);
    await expect(service.create(doc('Contoso'))).rejects.toMatchObject({ code: 'conflict', details: { issues: [{ path: 'name' }] } });
  });

  test('update without clientSecret keeps the stored one; a bad PUT changes nothing and names every field', async () => {
    const before = await store().db.selectFrom('connections').selectAll().where('name', '=', 'Contoso').executeTakeFirstOrThrow();
    const { clientSecret: _kept, ...withoutSecret } = doc('Contoso', { description: 'Head office tenant' });
    const updated = await service.update('Contoso', withoutSecret, { actor: ANALYST });
    expect(updated.description).toBe('Head office tenant');
    const after = await store().db.selectFrom('connections').selectAll().where('name', '=', 'Contoso').executeTakeFirstOrThrow();
    expect(after.credentials_encrypted).toBe(before.credentials_encrypted);

    const bad = { ...withoutSecret, tenantId: 'contoso.onmicrosoft.com', mapping: { fields: { name: { expression: 'UPPER(DevceName)' } } } };
    await expect(service.update('Contoso', bad)).rejects.toMatchObject({
      code: 'input_invalid',
      details: { issues: expect.arrayContaining([expect.objectContaining({ path: 'tenantId' })]) },
    });
    const badExpression = { ...withoutSecret, mapping: { fields: { name: { expression: 'UPPER(DevceName)' } } } };
    await expect(service.update('Contoso', badExpression)).rejects.toMatchObject({
      details: { issues: [{ path: 'mapping.fields.name.expression', code: 'unknown_field', span: { start: 6, end: 15 } }] },
    });
    const unchanged = await store().db.selectFrom('connections').selectAll().where('name', '=', 'Contoso').executeTakeFirstOrThrow();
    expect(unchanged).toEqual(after);
    expect((await service.test('Contoso')).ok).toBe(true);
  });

  test('secretUpdatedAt moves when a new secret is given, not on tests or other edits', async () => {
    const before = await service.view('Contoso');
    await service.test('Contoso');
    const { clientSecret: _kept, ...kept } = doc('Contoso', { description: 'Again' });
    await service.update('Contoso', kept);
    expect((await service.view('Contoso')).secretUpdatedAt).toBe(before.secretUpdatedAt);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await service.update('Contoso', doc('Contoso', { description: 'New secret' }));
    const after = await service.view('Contoso');
    expect(Date.parse(after.secretUpdatedAt ?? '')).toBeGreaterThan(Date.parse(before.secretUpdatedAt ?? ''));
    expect(after.lastTest).toMatchObject({ ok: true, message: expect.stringMatching(/^signed in and read \d+ devices/) });
  });

  test('rename only to a free name; the view follows the new name', async () => {
    await service.create(doc('Fabrikam'));
    const { clientSecret: _kept, ...fabrikam } = doc('Contoso');
    await expect(service.update('Fabrikam', fabrikam)).rejects.toMatchObject({ code: 'conflict' });
    const renamed = await service.update('Fabrikam', { ...fabrikam, name: 'Fabrikam EU' });
    expect(renamed.name).toBe('Fabrikam EU');
    await expect(service.view('Fabrikam')).rejects.toMatchObject({ code: 'not_found' });
  });

  test('a required field of a category the connection fills must be mapped (SPEC §4.6)', async () => {
    const { reference } = store().repos;
    const department = await reference.createDepartment({ name: 'Required' });
    const group = await reference.getOrCreateGroup(department.id, 'Computers');
    const { category } = await reference.getOrCreateCategory({ departmentId: department.id, groupId: group.id, name: 'Laptop' });
    await reference.setCategoryFields(category.id, [{ name: 'RAM', type: 'number', isRequired: true }]);
    await expect(service.create(doc('Needs RAM', { department: 'Required' }))).rejects.toMatchObject({
      code: 'input_invalid',
      details: { issues: [{ path: 'mapping.fields.category.RAM.expression', code: 'required_field_unmapped', message: expect.stringMatching(/"Laptop"/) }] },
    });
    expect(await store().repos.connections.getByName('Needs RAM')).toBeUndefined();
    const mapped = await service.create(doc('Needs RAM', { department: 'Required', mapping: { fields: { 'category.RAM': { expression: 'ROUND(PhysicalMemoryBytes / 1073741824.0, 0)' } } } }));
    expect(mapped.name).toBe('Needs RAM');
    const data = await readReferenceData(store());
    expect(data.categories.find((c) => c.department === 'Required')).toMatchObject({ name: 'Laptop', group: 'Computers', fields: [{ name: 'RAM', isRequired: true, target: 'category.RAM' }] });
  });

  test('the dashboard rows: last test, next run from the scheduler, attention', async () => {
    await service.create(doc('Broken', { clientSecret: 'wrong-secret', isActive: false }));
    await service.test('Broken');
    const items = await listConnectionItems({ store: store(), scheduleInfo: (id) => `2030-01-01T02:00:00.000Z#${id}` });
    const contoso = items.find((i) => i.name === 'Contoso');
    expect(contoso).toMatchObject({ isActive: true, lastRun: null, attention: [], nextRunAt: expect.stringMatching(/^2030-01-01/) });
    const broken = items.find((i) => i.name === 'Broken');
    expect(broken).toMatchObject({ nextRunAt: null });
    expect(broken?.attention).toEqual([expect.stringMatching(/^Inactive/), expect.stringMatching(/^Connection test failing: .*AADSTS7000215/)]);
    expect(items.find((i) => i.name === 'Fabrikam EU')?.attention).toEqual(['Never tested: use Test connection.']);
    expect((await service.view('Broken')).lastTest).toMatchObject({ ok: false, message: expect.stringMatching(/AADSTS7000215/) });
  });

  test('testCredentials probes unsaved credentials and stores nothing; a bad GUID names tenantId', async () => {
    const info = doc('x');
    const report = await service.testCredentials({ tenantId: info['tenantId'], clientId: info['clientId'], clientSecret: info['clientSecret'], authorityUrl: info['authorityUrl'], graphUrl: info['graphUrl'], caCertFile: info['caCertFile'] });
    expect(report).toMatchObject({ ok: true, connection: '(unsaved)', availableFields: { source: 'live' } });
    await expect(service.testCredentials({ tenantId: 'nope', clientId: info['clientId'], clientSecret: 's' })).rejects.toMatchObject({
      code: 'input_invalid', details: { issues: [{ path: 'tenantId', message: expect.stringMatching(/GUID/) }] },
    });
  });

  test('sample devices: the first page with $top, GET-only fields enriched when the mapping reads them', async () => {
    await service.create(doc('Memory', { mapping: { fields: { memoryGb: { expression: 'PhysicalMemoryBytes / 1073741824.0' } } } }));
    const devices = await preview.sampleDevices('Memory', { limit: 3 });
    expect(devices).toHaveLength(3);
    expect(devices.every((d) => d.physicalMemoryInBytes === 16 * GIB)).toBe(true);
    const plain = await preview.sampleDevices('Contoso', { limit: 2 });
    expect(plain).toHaveLength(2);
    expect(plain.some((d) => d.physicalMemoryInBytes === 16 * GIB)).toBe(false);
  });

  test('mapping preview of a draft: rows per device, issues returned, broken fields shown as errors, nothing written', async () => {
    const { clientSecret: _unused, ...draft } = doc('Contoso', {
      mapping: { fields: { memoryGb: { expression: 'ROUND(PhysicalMemoryBytes / 1073741824.0, 0)' }, colour: { expression: 'UPPER(Colr)' } } },
    });
    const assetsBefore = await store().db.selectFrom('fixed_assets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const result = await preview.mappingPreview('Contoso', draft, { limit: 8 });
    expect(result.issues).toEqual([expect.objectContaining({ path: 'mapping.fields.colour.expression', code: 'unknown_field' })]);
    expect(result.rows).toHaveLength(8);
    const personal = result.rows.find((r) => r.deviceName === 'LAP-0007');
    expect(personal).toMatchObject({ included: false, skipReason: 'personal_device' });
    const big = result.rows.find((r) => r.deviceName === 'LAP-0008');
    expect(big).toMatchObject({ included: true, deviceType: 'laptop', category: 'Laptop', fields: { memoryGb: { value: 32 }, name: { value: 'LAP-0008' } } });
    expect(big?.fields['colour']).toEqual({ value: null, error: expect.stringMatching(/unknown field 'Colr'/) });
    const assetsAfter = await store().db.selectFrom('fixed_assets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(assetsAfter).toEqual(assetsBefore);
    expect((await service.view('Contoso')).mapping).toEqual({ fields: {} });

    // Typing on: the same sample is reused within a minute, so a re-preview asks Graph nothing.
    const listed = tenant.emulator.stats().byRoute['managedDevices'];
    const again = await preview.mappingPreview('Contoso', { ...draft, mapping: { fields: { memoryGb: { expression: 'ROUND(PhysicalMemoryBytes / 1073741824.0, 1)' } } } }, { limit: 8 });
    expect(again.issues).toEqual([]);
    expect(tenant.emulator.stats().byRoute['managedDevices']).toBe(listed);
  });

  test('delete removes the connection and records it; unknown names are not_found', async () => {
    await service.remove('Broken', { actor: ANALYST });
    await expect(service.view('Broken')).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.remove('Broken')).rejects.toMatchObject({ code: 'not_found' });
  });
});
