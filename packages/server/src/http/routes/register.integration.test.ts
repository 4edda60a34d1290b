import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetDetail, AssetListResponse, AuditPageResponse, FacetsResponse, UserDetail, UserListResponse } from '@intune-assets/contracts';
import { RegisterQueries, BYPASS_CODE_CONTEXT } from '../../register/register-queries.js';
import { seedRegister } from '../../register/testing/seed-register.js';
import type { SeededRegister } from '../../register/testing/seed-register.js';
import { SecretBox } from '../../security/secret-box.js';
import { openTestStore } from '../../store/testing/open-test-store.js';
import type { TestStore } from '../../store/testing/open-test-store.js';
import { createTestApi } from '../testing/api-harness.js';
import type { TestApi } from '../testing/api-harness.js';
import { registerRoutes } from './register.js';

const BOX = new SecretBox(Buffer.alloc(32, 9));
const CODE = 'QWERT-YUIOP-ASDFG';

describe('register routes (SQLite)', () => {
  let api: TestApi;
  let seed: SeededRegister;
  let lockedId: string;
  let testStore: TestStore;

  beforeAll(async () => {
    testStore = await openTestStore('sqlite', 'register routes');
    const store = testStore.store;
    api = await createTestApi({ store, routes: [registerRoutes({ register: new RegisterQueries({ store, secretBox: BOX }) })] });
    seed = await seedRegister(api.store, { assets: 120 });
    const departmentId = seed.departmentId;
    lockedId = (
      await api.store.repos.assets.insert(
        { departmentId, name: 'iPad-LOCKED', serialNumber: 'LOCK1', activationLockBypassCodeEncrypted: BOX.seal(CODE, BYPASS_CODE_CONTEXT) },
        { actor: { type: 'system', id: null }, source: 'import' },
      )
    ).id;
  });
  afterAll(async () => {
    await api.close();
    await testStore.cleanup();
  });

  it('serves the assets list to every role and refuses anonymous callers', async () => {
    expect((await api.anonymous.get('/api/v1/assets')).status).toBe(401);
    for (const role of ['viewer', 'analyst', 'admin'] as const) {
      const response = await (await api.signIn(role)).get(`/api/v1/assets?status=allocated&limit=10&sort=-updatedAt`);
      expect(response.status).toBe(200);
      const body = response.json<AssetListResponse>();
      expect(body.items).toHaveLength(10);
      expect(body.items.every((i) => i.status.key === 'allocated')).toBe(true);
      expect(body.nextCursor).toEqual(expect.any(String));
    }
  });

  it('pages on with nextCursor and refuses bad paging input with the field named', async () => {
    const viewer = await api.signIn('viewer');
    const first = (await viewer.get('/api/v1/assets?limit=100')).json<AssetListResponse>();
    const second = (await viewer.get(`/api/v1/assets?limit=100&cursor=${first.nextCursor ?? ''}`)).json<AssetListResponse>();
    expect(first.total).toBe(121);
    expect([...first.items, ...second.items].map((i) => i.id)).toHaveLength(121);
    expect(second.nextCursor).toBeNull();

    const badCursor = await viewer.get('/api/v1/assets?cursor=not-a-cursor');
    expect(badCursor.status).toBe(422);
    expect(badCursor.json()).toMatchObject({ error: { code: 'input_invalid', details: { issues: [{ path: 'cursor' }] } } });
    const tooMany = await viewer.get('/api/v1/assets?limit=201');
    expect(tooMany.status).toBe(422);
    expect(JSON.stringify(tooMany.json())).toContain('limit');
    const badStatus = await viewer.get('/api/v1/assets?status=lost');
    expect(badStatus.status).toBe(422);
    expect(JSON.stringify(badStatus.json())).toContain('status');
  });

  it('details an asset with hasBypassCode only, and 404s an unknown one', async () => {
    const viewer = await api.signIn('viewer');
    const response = await viewer.get(`/api/v1/assets/${lockedId}`);
    expect(response.status).toBe(200);
    const detail = response.json<AssetDetail>();
    expect(detail).toMatchObject({ hasBypassCode: true, asset: { id: lockedId, name: 'iPad-LOCKED' } });
    expect(detail.fields.find((f) => f.field === 'serialNumber')).toMatchObject({ label: 'Serial number', provenance: { kind: 'import' } });
    expect(response.body).not.toContain(CODE);
    expect(response.body).not.toContain('activationLockBypassCodeEncrypted":"v1');
    expect((await viewer.get('/api/v1/assets/nope')).status).toBe(404);
  });

  it('reveals the bypass code to admins only, audited with the account', async () => {
    for (const role of ['viewer', 'analyst'] as const) {
      const refused = await (await api.signIn(role)).post(`/api/v1/assets/${lockedId}/bypass-code/reveal`);
      expect(refused.status).toBe(403);
    }
    const admin = await api.signIn('admin');
    const revealed = await admin.post(`/api/v1/assets/${lockedId}/bypass-code/reveal`);
    expect(revealed.status).toBe(200);
    expect(revealed.json()).toEqual({ code: CODE });
    expect(revealed.headers['cache-control']).toBe('no-store');
    const account = await api.store.repos.accounts.findByEmail('admin@example.test');
    const audit = (await admin.get(`/api/v1/assets/${lockedId}/audit`)).json<AuditPageResponse>();
    expect(audit.items[0]).toMatchObject({ action: 'bypass_code_revealed', actor: { type: 'user', id: account?.account.id } });
    expect(audit.items.filter((i) => i.action === 'bypass_code_revealed')).toHaveLength(1);

    const noCode = (await admin.get('/api/v1/assets?limit=1')).json<AssetListResponse>().items[0]?.id ?? '';
    expect((await admin.post(`/api/v1/assets/${noCode}/bypass-code/reveal`)).status).toBe(404);
  });

  it('streams the filtered list as an attachment CSV', async () => {
    const response = await (await api.signIn('viewer')).get('/api/v1/assets.csv?status=retired');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toBe('attachment; filename="assets.csv"');
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^Asset tag,/);
    const retired = await api.store.db.selectFrom('fixed_assets').select('id').where('status_key', '=', 'retired').execute();
    expect(lines).toHaveLength(1 + retired.length);
  });

  it('lists users with search, details one with their assets, and serves facets', async () => {
    const viewer = await api.signIn('viewer');
    const users = (await viewer.get(`/api/v1/users?search=${encodeURIComponent(seed.sampleEmail)}`)).json<UserListResponse>();
    expect(users.items.map((u) => u.id)).toEqual([seed.sampleUserId]);
    const detail = await viewer.get(`/api/v1/users/${seed.sampleUserId}`);
    expect(detail.status).toBe(200);
    expect(detail.json<UserDetail>().assets.every((a) => a.allocatedUser?.id === seed.sampleUserId)).toBe(true);
    expect((await viewer.get('/api/v1/users/nobody')).status).toBe(404);
    expect((await viewer.get('/api/v1/users?active=maybe')).status).toBe(422);
    const facets = (await viewer.get('/api/v1/facets')).json<FacetsResponse>();
    expect(facets.statuses.map((s) => s.key)).toContain('retired');
    expect(facets.connections.map((c) => c.id)).toContain(seed.connectionId);
  });

  it('lists every register route in the OpenAPI document', async () => {
    const doc = (await api.anonymous.get('/api/v1/openapi.json')).json<{ paths: Record<string, unknown> }>();
    for (const path of ['/api/v1/assets', '/api/v1/assets.csv', '/api/v1/assets/{id}', '/api/v1/assets/{id}/audit', '/api/v1/assets/{id}/bypass-code/reveal', '/api/v1/users', '/api/v1/users/{id}', '/api/v1/facets']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});
