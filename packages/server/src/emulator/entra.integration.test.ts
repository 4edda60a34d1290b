import { ConfidentialClientApplication } from '@azure/msal-node';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { decodeJwt } from 'jose';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from './index.js';
import { startEmulator } from './index.js';
import { EmulatorClient } from './testing/emulator-client.js';

let emulator: RunningEmulator;
let client: EmulatorClient;

beforeAll(async () => {
  emulator = await startEmulator({ devices: 20, tokenLifetimeSec: 1234, log: () => undefined });
  client = new EmulatorClient(emulator);
});
afterAll(async () => {
  await client.close();
  await emulator.close();
});

interface EntraErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
}

const form = (overrides: Record<string, string> = {}): Record<string, string> => ({
  grant_type: 'client_credentials',
  client_id: emulator.clientId,
  client_secret: emulator.clientSecret,
  scope: 'https://graph.microsoft.com/.default',
  ...overrides,
});

async function expectEntraError(result: Awaited<ReturnType<EmulatorClient['tokenRequest']>>, status: number, error: string, code: number): Promise<EntraErrorBody> {
  expect(result.status, result.text).toBe(status);
  const body = result.json() as EntraErrorBody;
  expect(body.error).toBe(error);
  expect(body.error_codes).toEqual([code]);
  expect(body.error_description.startsWith(`AADSTS${code}: `)).toBe(true);
  expect(body.timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/);
  expect(body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
  expect(body.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
  return body;
}

describe('Entra token endpoint', () => {
  it('issues a signed JWT with tid, appid, roles and exp for client credentials', async () => {
    const result = await client.tokenRequest(form());
    expect(result.status).toBe(200);
    const body = result.json() as { token_type: string; expires_in: number; access_token: string };
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(1234);
    const claims = decodeJwt(body.access_token);
    expect(claims['tid']).toBe(emulator.tenantId);
    expect(claims['appid']).toBe(emulator.clientId);
    expect(claims['roles']).toEqual(expect.arrayContaining(['DeviceManagementManagedDevices.Read.All', 'User.Read.All']));
    expect((claims.exp ?? 0) - Math.floor(Date.now() / 1000)).toBeGreaterThan(1200);
  });

  it('accepts HTTP Basic client authentication and the emulator graphUrl scope', async () => {
    const basic = Buffer.from(`${encodeURIComponent(emulator.clientId)}:${encodeURIComponent(emulator.clientSecret)}`).toString('base64');
    const result = await client.tokenRequest({ grant_type: 'client_credentials', scope: `${emulator.graphUrl}/.default` }, emulator.tenantId, { authorization: `Basic ${basic}` });
    expect(result.status, result.text).toBe(200);
  });

  it('rejects a wrong secret with AADSTS7000215', async () => {
    const body = await expectEntraError(await client.tokenRequest(form({ client_secret: 'nope' })), 401, 'invalid_client', 7000215);
    expect(body.error_description).toContain('Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID');
  });

  it('rejects an unknown client id with AADSTS700016', async () => {
    await expectEntraError(await client.tokenRequest(form({ client_id: '11111111-1111-1111-1111-111111111111' })), 400, 'unauthorized_client', 700016);
  });

  it('rejects an unknown tenant with AADSTS90002', async () => {
    const body = await expectEntraError(await client.tokenRequest(form(), '22222222-2222-2222-2222-222222222222'), 400, 'invalid_request', 90002);
    expect(body.error_description).toContain("Tenant '22222222-2222-2222-2222-222222222222' not found");
  });

  it('rejects a bad scope with AADSTS70011 and an unsupported grant with AADSTS70003', async () => {
    await expectEntraError(await client.tokenRequest(form({ scope: 'https://foo.microsoft.com/.default' })), 400, 'invalid_scope', 70011);
    await expectEntraError(await client.tokenRequest(form({ grant_type: 'password' })), 400, 'unsupported_grant_type', 70003);
  });

  it('rejects an expired secret with AADSTS7000222', async () => {
    const expired = await startEmulator({ devices: 1, secretExpired: true, log: () => undefined });
    const expiredClient = new EmulatorClient(expired);
    try {
      const result = await expiredClient.tokenRequest({ grant_type: 'client_credentials', client_id: expired.clientId, client_secret: expired.clientSecret, scope: 'https://graph.microsoft.com/.default' });
      await expectEntraError(result, 401, 'invalid_client', 7000222);
    } finally {
      await expiredClient.close();
      await expired.close();
    }
  });

  it('serves OpenID metadata pointing back at the emulator', async () => {
    const result = await client.send(`${emulator.authorityUrl}/${emulator.tenantId}/v2.0/.well-known/openid-configuration`);
    const body = result.json() as Record<string, string>;
    expect(body['token_endpoint']).toBe(`${emulator.authorityUrl}/${emulator.tenantId}/oauth2/v2.0/token`);
    expect(body['issuer']).toBe(`${emulator.authorityUrl}/${emulator.tenantId}/v2.0`);
    const keys = (await client.send(body['jwks_uri'] ?? '')).json() as { keys: unknown[] };
    expect(keys.keys).toHaveLength(1);
  });
});

describe('Graph authentication', () => {
  it('answers a missing, forged or expired token with 401 InvalidAuthenticationToken', async () => {
    const missing = await client.send(`${emulator.graphUrl}/v1.0/deviceManagement/managedDevices`);
    expect(missing.status).toBe(401);
    const forged = await client.send(`${emulator.graphUrl}/v1.0/deviceManagement/managedDevices`, { headers: { authorization: 'Bearer abc.def.ghi' } });
    expect((forged.json() as { error: { code: string } }).error.code).toBe('InvalidAuthenticationToken');
    expect((await client.graph('v1.0/deviceManagement/managedDevices')).status).toBe(200);
    emulator.tokens.expireAll();
    const expired = await client.graph('v1.0/deviceManagement/managedDevices');
    expect(expired.status).toBe(401);
    expect((expired.json() as { error: { message: string } }).error.message).toBe('Access token has expired or is not yet valid.');
    client.forgetToken();
    expect((await client.graph('v1.0/deviceManagement/managedDevices')).status).toBe(200);
  });

  it('answers a permission not granted with 403 naming the permission', async () => {
    const limited = await startEmulator({ devices: 5, permissions: ['User.Read.All'], log: () => undefined });
    const limitedClient = new EmulatorClient(limited);
    try {
      const result = await limitedClient.graph('v1.0/deviceManagement/managedDevices');
      expect(result.status).toBe(403);
      const error = (result.json() as { error: { code: string; message: string } }).error;
      expect(error.code).toBe('Forbidden');
      expect(error.message).toContain('Application must have one of the following scopes: DeviceManagementManagedDevices.Read.All');
      expect((await limitedClient.graph('v1.0/users')).status).toBe(200);
    } finally {
      await limitedClient.close();
      await limited.close();
    }
  });
});

describe('msal-node against the emulator', () => {
  it('acquires a token unchanged, given the emulator host as a known authority and a CA-trusting network client', async () => {
    const agent = new Agent({ connect: { ca: emulator.caCertPem } });
    const send = async (url: string, method: 'GET' | 'POST', options?: NetworkRequestOptions): Promise<NetworkResponse<never>> => {
      const response = await request(url, { method, headers: options?.headers ?? {}, body: options?.body ?? null, dispatcher: agent });
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(response.headers)) if (typeof value === 'string') headers[key] = value;
      return { status: response.statusCode, headers, body: (await response.body.json()) as never };
    };
    // A real adapter, not a fake: msal-node 7 uses global fetch, which cannot trust a private CA per call.
    const networkClient: INetworkModule = {
      sendGetRequestAsync: (url, options) => send(url, 'GET', options),
      sendPostRequestAsync: (url, options) => send(url, 'POST', options),
    };
    const app = new ConfidentialClientApplication({
      auth: {
        clientId: emulator.clientId,
        clientSecret: emulator.clientSecret,
        authority: `${emulator.authorityUrl}/${emulator.tenantId}`,
        knownAuthorities: [new URL(emulator.authorityUrl).host],
      },
      system: { networkClient },
    });
    try {
      const result = await app.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
      expect(result?.accessToken).toBeTruthy();
      const graph = await client.send(`${emulator.graphUrl}/v1.0/deviceManagement/managedDevices?$top=1`, { headers: { authorization: `Bearer ${result?.accessToken ?? ''}` } });
      expect(graph.status).toBe(200);
    } finally {
      await agent.close();
    }
  });
});
