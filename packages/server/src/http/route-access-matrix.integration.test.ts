import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { ACCOUNT_ROLES, roleAllows } from '../domain/account.js';
import { createRunServices } from '../jobs/start-workers.js';
import { createApp } from '../main.js';
import type { App } from '../main.js';
import type { Access } from './access.js';
import { appRoutes } from './app-routes.js';
import type { RouteModule } from './api-server.js';
import { createTestApi } from './testing/api-harness.js';
import type { TestApi, TestClient } from './testing/api-harness.js';

interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly access: Access;
}

/**
 * The auth matrix of issue #6: every route the app serves, against anonymous and each role. A role below the
 * route's access gets 403 (anonymous 401) and reaches no handler; a role at or above never gets 401/403 (it may
 * get 404 or 422: the path ids and bodies here are placeholders).
 */
describe('every API route enforces its declared access for every role', () => {
  const routes: RouteEntry[] = [];
  let dir: string;
  let app: App;
  let api: TestApi;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ia-matrix-'));
    const env = { INTUNE_ASSETS_DATA_DIR: dir, DATABASE_URL: `sqlite:${join(dir, 'matrix.db')}`, INTUNE_ASSETS_SECRET_KEY: randomBytes(32).toString('base64') };
    app = await createApp(loadConfig(env, dir, { logLevel: 'silent' }));
    const collector: RouteModule = (server) => {
      server.addHook('onRoute', (route: RouteOptions) => {
        const access = route.config?.access;
        if (!route.url.startsWith('/api/v1') || access === undefined) return;
        for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url, access });
      });
    };
    api = await createTestApi({ store: app.store, routes: [collector, ...appRoutes(app, createRunServices(app))], addSessionRoutes: false });
  });
  afterAll(async () => {
    await api.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = (client: TestClient, route: RouteEntry) => {
    const url = route.url.replace(/:[a-zA-Z]+/g, 'no-such-thing');
    switch (route.method) {
      case 'GET': return client.get(url);
      case 'POST': return client.post(url, {});
      case 'PUT': return client.put(url, {});
      case 'PATCH': return client.patch(url, {});
      case 'DELETE': return client.delete(url);
      default: throw new Error(`no test call for ${route.method}`);
    }
  };

  it('collects the whole API (each area is present)', () => {
    const urls = routes.map((r) => `${r.method} ${r.url}`);
    expect(urls).toEqual(expect.arrayContaining([
      'POST /api/v1/session', 'GET /api/v1/accounts', 'GET /api/v1/connections', 'PUT /api/v1/connections/:name',
      'POST /api/v1/connections/:name/runs', 'GET /api/v1/runs/:id', 'GET /api/v1/assets', 'POST /api/v1/assets/:id/bypass-code/reveal',
      'GET /api/v1/users', 'POST /api/v1/expressions/check', 'GET /api/v1/reference',
    ]));
    expect(routes.length).toBeGreaterThan(30);
  });

  it('anonymous gets 401 on every non-public route', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.access !== 'public')) {
      const response = await call(api.anonymous, route);
      if (response.status !== 401) wrong.push(`${route.method} ${route.url}: ${response.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(ACCOUNT_ROLES)('%s gets 403 below each route\'s access and never 401/403 at or above it', async (role) => {
    const client = await api.signIn(role);
    const wrong: string[] = [];
    // Signing out would end the session the rest of the matrix uses; the sign-out route has its own test.
    for (const route of routes.filter((r) => r.access !== 'public' && !(r.method === 'DELETE' && r.url === '/api/v1/session'))) {
      const response = await call(client, route);
      const allowed = roleAllows(role, route.access as Exclude<Access, 'public'>);
      const refused = response.status === 401 || response.status === 403;
      if (allowed === refused) wrong.push(`${route.method} ${route.url} (${route.access}): ${response.status} ${response.body.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
  });
});
