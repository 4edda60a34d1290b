import { randomBytes } from 'node:crypto';
import type { ConnectionFields, ConnectionListItem, ConnectionTestReportDto, ConnectionView, MappingPreview } from '@intune-assets/contracts';
import { toConnectionDocument } from '@intune-assets/contracts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConnectionPreviewService } from '../../connections/connection-preview.js';
import { ConnectionService } from '../../connections/connection-service.js';
import { laptop, laptops } from '../../runs/testing/scenario.js';
import { connectionDocument, startScenarioTenant } from '../../runs/testing/sync-harness.js';
import type { ScenarioTenant } from '../../runs/testing/sync-harness.js';
import { SecretBox } from '../../security/secret-box.js';
import { openTestStore } from '../../store/testing/open-test-store.js';
import type { TestStore } from '../../store/testing/open-test-store.js';
import { createTestApi } from '../testing/api-harness.js';
import type { TestApi, TestClient } from '../testing/api-harness.js';
import { connectionRoutes } from './connections.js';

interface ErrorBody {
  error: { code: string; message: string; details?: { issues?: Array<{ path: string; code?: string; message: string; span?: { start: number; end: number } }> } };
}

describe('connection routes (SQLite, emulated tenant)', () => {
  let tenant: ScenarioTenant;
  let testStore: TestStore;
  let api: TestApi;
  let viewer: TestClient;
  let analyst: TestClient;
  let admin: TestClient;
  const doc = (name: string, settings: Record<string, unknown> = {}): Record<string, unknown> => connectionDocument(tenant.emulator, name, settings);
  const url = (name: string, rest = ''): string => `/api/v1/connections/${encodeURIComponent(name)}${rest}`;

  beforeAll(async () => {
    tenant = await startScenarioTenant({ devices: [...laptops(1, 4), laptop(5, { managedDeviceOwnerType: 'personal' })] });
    testStore = await openTestStore('sqlite', 'connection routes');
    const store = testStore.store;
    const connections = new ConnectionService({ store, secretBox: new SecretBox(randomBytes(32)) });
    const preview = new ConnectionPreviewService(connections);
    // why: the scheduler belongs to the runs helper; a fixed answer shows the dashboard passes it through.
    const scheduleInfo = (): string => '2030-01-01T02:00:00.000Z';
    api = await createTestApi({ store, routes: [connectionRoutes({ connections, preview, store, scheduleInfo })] });
    [viewer, analyst, admin] = await Promise.all([api.signIn('viewer'), api.signIn('analyst'), api.signIn('admin')]);
  });
  afterAll(async () => {
    await api.close();
    await testStore.cleanup();
    await tenant.close();
  });

  test('an analyst creates a connection (201, no secret in the answer); a viewer cannot; a second one with the name is 409 on `name`', async () => {
    expect((await viewer.post('/api/v1/connections', doc('Contoso'))).status).toBe(403);
    const created = await analyst.post('/api/v1/connections', doc('Contoso'));
    expect(created.status).toBe(201);
    expect(created.json<ConnectionView>()).toMatchObject({ name: 'Contoso', hasSecret: true, tenantId: tenant.emulator.tenantId.toLowerCase() });
    expect(created.body).not.toContain(tenant.emulator.clientSecret);
    const again = await analyst.post('/api/v1/connections', doc('Contoso'));
    expect(again.status).toBe(409);
    expect(again.json<ErrorBody>().error).toMatchObject({ code: 'conflict', details: { issues: [{ path: 'name' }] } });
  });

  test('422 names each field: an invalid tenant GUID, and a broken expression with its path and span', async () => {
    const bad = await analyst.post('/api/v1/connections', doc('Bad', { tenantId: 'contoso.onmicrosoft.com' }));
    expect(bad.status).toBe(422);
    expect(bad.json<ErrorBody>().error.details?.issues).toContainEqual(expect.objectContaining({ path: 'tenantId', message: expect.stringMatching(/GUID/) }));
    const broken = await analyst.post('/api/v1/connections', doc('Bad', { mapping: { fields: { model: { expression: "UPPER(Modl) + 'x'" } } } }));
    expect(broken.status).toBe(422);
    expect(broken.json<ErrorBody>().error.details?.issues).toEqual([expect.objectContaining({ path: 'mapping.fields.model.expression', code: 'unknown_field', span: { start: 6, end: 10 } })]);
    expect((await viewer.get(url('Bad'))).status).toBe(404);
  });

  test('422 names every problem of one document at once: a bad tenant GUID, a broken expression and a bad cron', async () => {
    const bad = await analyst.post('/api/v1/connections', doc('Bad', {
      tenantId: 'contoso.onmicrosoft.com',
      schedule: '61 * * * *',
      mapping: { fields: { model: { expression: "UPPER(Modl) + 'x'" } } },
    }));
    expect(bad.status).toBe(422);
    expect(bad.json<ErrorBody>().error.details?.issues?.map((i) => i.path)).toEqual(['tenantId', 'schedule', 'mapping.fields.model.expression']);
    expect((await viewer.get(url('Bad'))).status).toBe(404);
  });

  test('GET the view, PUT it back without the secret; a bad PUT leaves the row unchanged', async () => {
    const view = (await viewer.get(url('Contoso'))).json<ConnectionView>();
    const edited = await analyst.put(url('Contoso'), { ...toConnectionDocument(view), description: 'HQ tenant', filters: { ...view.filters, excludeDesktops: true } });
    expect(edited.status).toBe(200);
    expect(edited.json<ConnectionView>()).toMatchObject({ description: 'HQ tenant', filters: { excludeDesktops: true }, hasSecret: true });
    const row = await api.store.db.selectFrom('connections').selectAll().where('name', '=', 'Contoso').executeTakeFirstOrThrow();
    const bad = await analyst.put(url('Contoso'), { ...toConnectionDocument(view), description: 'never saved', schedule: 'every day' });
    expect(bad.status).toBe(422);
    expect(bad.json<ErrorBody>().error.details?.issues).toEqual([expect.objectContaining({ path: 'schedule' })]);
    expect(await api.store.db.selectFrom('connections').selectAll().where('name', '=', 'Contoso').executeTakeFirstOrThrow()).toEqual(row);
    expect((await viewer.put(url('Contoso'), toConnectionDocument(view))).status).toBe(403);
  });

  test('Test connection (saved and unsaved credentials), then the field list marked with the selection', async () => {
    expect((await viewer.post(url('Contoso', '/test'))).status).toBe(403);
    const report = await analyst.post(url('Contoso', '/test'));
    expect(report.status).toBe(200);
    expect(report.json<ConnectionTestReportDto>()).toMatchObject({ ok: true, token: { ok: true }, availableFields: { source: 'live' } });
    const { tenantId, clientId, clientSecret, authorityUrl, graphUrl, caCertFile } = doc('x');
    const unsaved = await analyst.post('/api/v1/connection-tests', { tenantId, clientId, clientSecret, authorityUrl, graphUrl, caCertFile });
    expect(unsaved.json<ConnectionTestReportDto>()).toMatchObject({ ok: true, connection: '(unsaved)' });
    const wrong = await analyst.post('/api/v1/connection-tests', { tenantId: 'not-a-guid', clientId, clientSecret });
    expect(wrong.status).toBe(422);
    expect(wrong.json<ErrorBody>().error.details?.issues).toContainEqual(expect.objectContaining({ path: 'tenantId' }));

    const fields = (await viewer.get(url('Contoso', '/fields'))).json<ConnectionFields>();
    expect(fields.source).toBe('live');
    expect(fields.fields.find((f) => f.name === 'physicalMemoryInBytes')).toMatchObject({ getOnly: true, betaOnly: false, selected: true });
  });

  test('sample devices and the live mapping preview of a draft (analyst); nothing saved', async () => {
    const samples = await viewer.get(url('Contoso', '/sample-devices?limit=2'));
    expect(samples.status).toBe(200);
    expect(samples.json<{ devices: unknown[] }>().devices).toHaveLength(2);
    expect((await viewer.get(url('Contoso', '/sample-devices?limit=500'))).status).toBe(422);

    const view = (await viewer.get(url('Contoso'))).json<ConnectionView>();
    const draft = { ...toConnectionDocument(view), mapping: { fields: { colour: { expression: "'Black'" }, model: { expression: 'UPPER(Modl)' } } } };
    expect((await viewer.post(url('Contoso', '/mapping-preview'), { settings: draft })).status).toBe(403);
    const previewed = await analyst.post(url('Contoso', '/mapping-preview'), { settings: draft, limit: 5 });
    expect(previewed.status).toBe(200);
    const body = previewed.json<MappingPreview>();
    expect(body.issues).toEqual([expect.objectContaining({ path: 'mapping.fields.model.expression', code: 'unknown_field', span: { start: 6, end: 10 } })]);
    expect(body.rows).toHaveLength(5);
    expect(body.rows.find((r) => r.deviceName === 'LAP-0001')).toMatchObject({ included: true, deviceType: 'laptop', category: 'Laptop', fields: { colour: { value: 'Black' }, model: { value: null, error: expect.any(String) } } });
    expect(body.rows.find((r) => r.deviceName === 'LAP-0005')).toMatchObject({ included: false, skipReason: 'personal_device' });
    expect((await viewer.get(url('Contoso'))).json<ConnectionView>().mapping).toEqual({ fields: {} });
  });

  test('the dashboard list: last run, next run, attention', async () => {
    await analyst.post('/api/v1/connections', doc('Idle', { isActive: false }));
    const list = await viewer.get('/api/v1/connections');
    expect(list.status).toBe(200);
    const items = list.json<{ items: ConnectionListItem[] }>().items;
    expect(items.find((i) => i.name === 'Contoso')).toMatchObject({ isActive: true, nextRunAt: '2030-01-01T02:00:00.000Z', lastRun: null, attention: [] });
    expect(items.find((i) => i.name === 'Idle')).toMatchObject({ nextRunAt: null, attention: [expect.stringMatching(/^Inactive/), 'Never tested: use Test connection.'] });
  });

  test('delete is admin-only (204), then 404', async () => {
    expect((await analyst.delete(url('Idle'))).status).toBe(403);
    const deleted = await admin.delete(url('Idle'));
    expect(deleted.status).toBe(204);
    expect((await viewer.get(url('Idle'))).status).toBe(404);
    expect((await api.anonymous.get('/api/v1/connections')).status).toBe(401);
  });

  test('every route is in the OpenAPI document', async () => {
    const openapi = (await api.anonymous.get('/api/v1/openapi.json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining([
      '/api/v1/connections', '/api/v1/connections/{name}', '/api/v1/connections/{name}/test', '/api/v1/connection-tests',
      '/api/v1/connections/{name}/fields', '/api/v1/connections/{name}/sample-devices', '/api/v1/connections/{name}/mapping-preview',
    ]));
  });
});
