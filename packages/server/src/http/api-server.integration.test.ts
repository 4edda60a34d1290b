import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AccountService } from '../accounts/account-service.js';
import { SignInThrottle } from '../accounts/sign-in-throttle.js';
import { openTestStore } from '../store/testing/open-test-store.js';
import type { TestStore } from '../store/testing/open-test-store.js';
import { API_PREFIX, createApiServer } from './api-server.js';
import type { RouteModule } from './api-server.js';
import { accountRoutes } from './routes/accounts.js';
import { sessionRoutes } from './routes/session.js';
import { TEST_PASSWORD, createTestApi } from './testing/api-harness.js';
import type { TestApi } from './testing/api-harness.js';

const echoRoutes: RouteModule = (server) => {
  server.post(`${API_PREFIX}/echo`, {
    config: { access: 'analyst' },
    schema: { body: z.object({ name: z.string().min(2), count: z.number().int() }), response: { 200: z.object({ name: z.string() }) } },
  }, async (request) => ({ name: request.body.name }));
  server.get(`${API_PREFIX}/echo`, { config: { access: 'viewer' } }, async () => ({ ok: true }));
};

describe('the API server: sessions, roles, CSRF, errors', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ routes: [echoRoutes], title: 'api-server' });
    api.server.log.level = 'silent';
  });
  afterAll(async () => api.close());

  it('signs in with an HttpOnly SameSite=Strict cookie and answers GET /session', async () => {
    await api.accounts.create({ email: 'Ana@Example.test', role: 'analyst', password: TEST_PASSWORD });
    const response = await api.server.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'ana@example.test', password: TEST_PASSWORD } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'ia_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const body = response.json<{ account: { email: string; role: string }; csrfToken: string }>();
    expect(body.account).toMatchObject({ email: 'ana@example.test', role: 'analyst' });
    const me = await api.server.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: `ia_session=${cookie?.value ?? ''}` } });
    expect(me.json()).toMatchObject({ account: { role: 'analyst' }, csrfToken: body.csrfToken });
  });

  it('refuses a wrong password with one message for unknown email and wrong password alike', async () => {
    const wrong = await api.anonymous.post('/api/v1/session', { email: 'ana@example.test', password: 'nope nope nope' });
    const unknown = await api.anonymous.post('/api/v1/session', { email: 'who@example.test', password: 'nope nope nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json()).toEqual({ error: { code: 'invalid_credentials', message: 'Email or password is wrong.' } });
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('answers 401 without a session, 403 for a too-low role, 403 for a write without the CSRF token', async () => {
    expect((await api.anonymous.get('/api/v1/echo')).json()).toMatchObject({ error: { code: 'unauthenticated' } });
    const viewer = await api.signIn('viewer');
    expect((await viewer.get('/api/v1/echo')).status).toBe(200);
    const forbidden = await viewer.post('/api/v1/echo', { name: 'ab', count: 1 });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json()).toMatchObject({ error: { code: 'forbidden' } });
    const analyst = await api.signIn('analyst');
    const cookieOnly = await api.server.inject({
      method: 'POST',
      url: '/api/v1/echo',
      payload: { name: 'ab', count: 1 },
      headers: { cookie: (await sessionCookie(api, 'analyst@example.test')) },
    });
    expect(cookieOnly.statusCode).toBe(403);
    expect(cookieOnly.json()).toMatchObject({ error: { code: 'csrf_invalid' } });
    expect((await analyst.post('/api/v1/echo', { name: 'ab', count: 1 })).json()).toEqual({ name: 'ab' });
  });

  it('answers a bad body with 422 naming every field, and malformed JSON with a readable 400', async () => {
    const analyst = await api.signIn('analyst');
    const bad = await analyst.post('/api/v1/echo', { name: 'a', count: 'x' });
    expect(bad.status).toBe(422);
    const body = bad.json<{ error: { code: string; details: { issues: { path: string }[] } } }>();
    expect(body.error.code).toBe('input_invalid');
    expect(body.error.details.issues.map((i) => i.path).sort()).toEqual(['count', 'name']);
    const malformed = await analyst.inject({ method: 'POST', url: '/api/v1/echo', body: '{"name": ', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.json()).toMatchObject({ error: { code: 'input_invalid' } });
  });

  it('serves the OpenAPI document with every route, and a JSON 404 for unknown API paths', async () => {
    const doc = await api.anonymous.get('/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/session', '/api/v1/echo']));
    expect((await api.anonymous.get('/api/v1/nothing-here')).json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('signs out: the cookie no longer works', async () => {
    await api.accounts.create({ email: 'leaver@example.test', role: 'viewer', password: TEST_PASSWORD });
    const cookie = await sessionCookie(api, 'leaver@example.test');
    const session = await api.server.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
    const csrf = session.json<{ csrfToken: string }>().csrfToken;
    const out = await api.server.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(204);
    expect((await api.server.inject({ method: 'GET', url: '/api/v1/echo', headers: { cookie } })).statusCode).toBe(401);
  });
});

describe('accounts API', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ routes: (accounts) => [accountRoutes({ accounts })], title: 'accounts-api' });
  });
  afterAll(async () => api.close());

  it('lets an admin create, list, demote and disable accounts; others get 403; weak passwords are refused by field', async () => {
    const admin = await api.signIn('admin');
    const analyst = await api.signIn('analyst');
    const created = await admin.post('/api/v1/accounts', { email: 'New@Example.test', role: 'viewer', password: 'a long enough password' });
    expect(created.status).toBe(201);
    const weak = await admin.post('/api/v1/accounts', { email: 'not-an-email', role: 'viewer', password: 'short' });
    expect(weak.status).toBe(422);
    expect(weak.json<{ error: { details: { issues: { path: string }[] } } }>().error.details.issues.map((i) => i.path).sort()).toEqual(['email', 'password']);
    const duplicate = await admin.post('/api/v1/accounts', { email: 'new@example.test', role: 'viewer', password: 'a long enough password' });
    expect(duplicate.status).toBe(409);
    expect((await analyst.get('/api/v1/accounts')).status).toBe(403);
    expect((await analyst.post('/api/v1/accounts', { email: 'x@example.test', role: 'admin', password: 'a long enough password' })).status).toBe(403);
    const list = await admin.get('/api/v1/accounts');
    expect(list.json<{ items: { email: string }[] }>().items.map((a) => a.email)).toContain('new@example.test');
    const id = created.json<{ id: string }>().id;
    const disabled = await admin.patch(`/api/v1/accounts/${id}`, { isActive: false, role: 'analyst' });
    expect(disabled.json()).toMatchObject({ isActive: false, role: 'analyst' });
    const self = (await api.store.repos.accounts.findByEmail('admin@example.test'))?.account.id ?? '';
    expect((await admin.patch(`/api/v1/accounts/${self}`, { role: 'viewer' })).status).toBe(409);
  });
});

describe('sign-in throttling and route declarations', () => {
  let handle: TestStore;
  beforeAll(async () => {
    handle = await openTestStore('sqlite', 'api-throttle');
  });
  afterAll(async () => handle.cleanup());

  it('answers 429 with Retry-After after too many failures, even with the right password', async () => {
    const accounts = new AccountService(handle.store, { throttle: new SignInThrottle({ maxFailures: 3, windowMs: 60_000 }) });
    await accounts.create({ email: 'target@example.test', role: 'viewer', password: TEST_PASSWORD });
    const server = await createApiServer({ accounts, routes: [sessionRoutes({ accounts })] });
    const attempt = (password: string) => server.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'target@example.test', password } });
    for (let i = 0; i < 3; i++) expect((await attempt('wrong password!')).statusCode).toBe(401);
    const limited = await attempt(TEST_PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await server.close();
  });

  it('refuses to start with an /api route that declares no access', async () => {
    const accounts = new AccountService(handle.store);
    const careless: RouteModule = (server) => {
      server.get(`${API_PREFIX}/careless`, async () => ({}));
    };
    await expect(createApiServer({ accounts, routes: [careless] })).rejects.toThrow(/declares no config.access/);
  });
});

async function sessionCookie(api: TestApi, email: string): Promise<string> {
  const response = await api.server.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: TEST_PASSWORD } });
  const cookie = response.cookies.find((c) => c.name === 'ia_session');
  if (!cookie) throw new Error(`no session for ${email}: ${response.body}`);
  return `ia_session=${cookie.value}`;
}
