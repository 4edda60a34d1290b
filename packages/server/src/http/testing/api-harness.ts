import type { LightMyRequestResponse } from 'fastify';
import { AccountService } from '../../accounts/account-service.js';
import { SignInThrottle } from '../../accounts/sign-in-throttle.js';
import type { AccountRole } from '../../domain/account.js';
import type { Store, StoreDialect } from '../../store/connect.js';
import { openTestStore } from '../../store/testing/open-test-store.js';
import { createApiServer } from '../api-server.js';
import type { ApiServer, RouteModule } from '../api-server.js';
import { sessionRoutes } from '../routes/session.js';

export interface TestResponse {
  readonly status: number;
  readonly headers: LightMyRequestResponse['headers'];
  readonly body: string;
  json<T = unknown>(): T;
}

export interface TestClient {
  readonly role: AccountRole | null;
  readonly csrfToken: string | null;
  get(url: string): Promise<TestResponse>;
  post(url: string, body?: unknown): Promise<TestResponse>;
  put(url: string, body: unknown): Promise<TestResponse>;
  patch(url: string, body: unknown): Promise<TestResponse>;
  delete(url: string): Promise<TestResponse>;
  /** Any request (raw body, own headers) with this client's cookie and CSRF token added. */
  inject(options: { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; body?: string; headers?: Record<string, string> }): Promise<TestResponse>;
}

export interface TestApi {
  readonly server: ApiServer;
  readonly store: Store;
  readonly accounts: AccountService;
  /** A client signed in with an account of this role (created on first use; same account every time). */
  signIn(role: AccountRole): Promise<TestClient>;
  /** A client with no session. */
  readonly anonymous: TestClient;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * The real API server (auth, CSRF, error envelope, OpenAPI) over a real store, driven with `app.inject()`.
 * Pass `store` to reuse one a test filled (it is then not closed here), or `dialect` for a fresh one.
 */
export async function createTestApi(options: {
  /** Route modules, or a function building them from the harness's AccountService (for routes that need it). */
  routes: readonly RouteModule[] | ((accounts: AccountService) => readonly RouteModule[]);
  store?: Store;
  dialect?: StoreDialect;
  title?: string;
  /** False when `routes` already carries the session routes (e.g. the app's full list). */
  addSessionRoutes?: boolean;
}): Promise<TestApi> {
  const owned = options.store ? null : await openTestStore(options.dialect ?? 'sqlite', options.title ?? 'api');
  const store = options.store ?? owned!.store;
  // why a roomy throttle: tests sign in many times from one address; the throttle has its own tests.
  const accounts = new AccountService(store, { throttle: new SignInThrottle({ maxFailures: 1000, windowMs: 60_000 }) });
  const routes = typeof options.routes === 'function' ? options.routes(accounts) : options.routes;
  const server = await createApiServer({ accounts, routes: options.addSessionRoutes === false ? routes : [sessionRoutes({ accounts }), ...routes] });
  await server.ready();
  const clients = new Map<AccountRole, TestClient>();

  const client = (role: AccountRole | null, cookie: string | null, csrfToken: string | null): TestClient => {
    type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    const raw = async (method: Method, url: string, payload: { body?: string; json?: unknown }, extra: Record<string, string> = {}): Promise<TestResponse> => {
      const headers: Record<string, string> = { ...extra };
      if (cookie !== null) headers['cookie'] = cookie;
      if (csrfToken !== null && method !== 'GET') headers['x-csrf-token'] = csrfToken;
      const body = payload.body ?? (payload.json === undefined ? undefined : (payload.json as object));
      const response = await server.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body }) });
      return { status: response.statusCode, headers: response.headers, body: response.body, json: <T>() => JSON.parse(response.body) as T };
    };
    const send = (method: Method, url: string, json?: unknown) => raw(method, url, json === undefined ? {} : { json });
    return {
      role,
      csrfToken,
      get: (url) => send('GET', url),
      post: (url, body) => send('POST', url, body ?? {}),
      put: (url, body) => send('PUT', url, body),
      patch: (url, body) => send('PATCH', url, body),
      delete: (url) => send('DELETE', url),
      inject: (o) => raw(o.method, o.url, o.body === undefined ? {} : { body: o.body }, o.headers),
    };
  };

  return {
    server,
    store,
    accounts,
    anonymous: client(null, null, null),
    async signIn(role) {
      const existing = clients.get(role);
      if (existing) return existing;
      const email = `${role}@example.test`;
      if (!(await store.repos.accounts.findByEmail(email))) await accounts.create({ email, role, password: TEST_PASSWORD });
      const response = await server.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: TEST_PASSWORD } });
      if (response.statusCode !== 200) throw new Error(`test sign-in as ${role} failed: ${response.statusCode} ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === 'ia_session');
      if (!cookie) throw new Error('test sign-in set no session cookie');
      const { csrfToken } = JSON.parse(response.body) as { csrfToken: string };
      const signedIn = client(role, `ia_session=${cookie.value}`, csrfToken);
      clients.set(role, signedIn);
      return signedIn;
    },
    async close() {
      await server.close();
      await owned?.cleanup();
    },
  };
}
