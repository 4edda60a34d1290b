import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from './index.js';
import { parseFaultSpec, startEmulator } from './index.js';
import { EmulatorClient } from './testing/emulator-client.js';

let emulator: RunningEmulator;
let client: EmulatorClient;
const LIST = 'v1.0/deviceManagement/managedDevices';

beforeAll(async () => {
  emulator = await startEmulator({ devices: 30, pageSize: 10, log: () => undefined });
  client = new EmulatorClient(emulator);
  await client.accessToken();
});
afterEach(() => emulator.faults.clear());
afterAll(async () => {
  await client.close();
  await emulator.close();
});

describe('status faults', () => {
  it('throttles with a fractional Retry-After and the documented 429 body, count times', async () => {
    emulator.faults.add(parseFaultSpec('throttle:retry-after=2.128:on=managedDevices:count=2'));
    const first = await client.graph(LIST);
    expect(first.status).toBe(429);
    expect(first.headers['retry-after']).toBe('2.128');
    const body = first.json() as { error: { code: string; message: string; innerError: Record<string, string> } };
    expect(body.error.code).toBe('TooManyRequests');
    expect(body.error.message).toBe('Please retry again later.');
    expect(body.error.innerError['status']).toBe('429');
    expect((await client.graph(LIST)).status).toBe(429);
    expect((await client.graph(LIST)).status).toBe(200);
  });

  it('throttles with an HTTP-date Retry-After, or with none', async () => {
    emulator.faults.add({ kind: 'throttle', route: 'users', retryAfterDateSec: 5 });
    const dated = await client.graph('v1.0/users');
    expect(dated.status).toBe(429);
    const when = Date.parse(String(dated.headers['retry-after']));
    expect(when - Date.now()).toBeGreaterThan(2000);
    emulator.faults.add({ kind: 'throttle', route: 'users' });
    const bare = await client.graph('v1.0/users');
    expect(bare.status).toBe(429);
    expect(bare.headers['retry-after']).toBeUndefined();
  });

  it('answers 503 and 504', async () => {
    emulator.faults.add({ kind: 'unavailable', route: 'any' });
    expect((await client.graph(LIST)).status).toBe(503);
    emulator.faults.add({ kind: 'gateway-timeout' });
    expect((await client.graph(LIST)).status).toBe(504);
  });

  it('answers an Intune 500 with JSON inside error.message', async () => {
    emulator.faults.add({ kind: 'intune-500', route: 'managedDevice' });
    const id = emulator.fleet.devices()[0]?.id ?? '';
    const result = await client.graph(`${LIST}/${id}`);
    expect(result.status).toBe(500);
    const error = (result.json() as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('InternalServerError');
    const inner = JSON.parse(error.message) as { _version: number; Message: string; RetryAfter: null };
    expect(inner._version).toBe(3);
    expect(inner.Message).toContain('An internal server error has occurred');
  });

  it('fires on a given page of a scan only', async () => {
    emulator.faults.add(parseFaultSpec('unavailable:on=managedDevices:page=2'));
    const first = (await client.graph(LIST)).json() as { '@odata.nextLink': string };
    const second = await client.graph(first['@odata.nextLink']);
    expect(second.status).toBe(503);
    expect((await client.graph(first['@odata.nextLink'])).status).toBe(200);
  });

  it('fires from the Nth matching request', async () => {
    emulator.faults.add(parseFaultSpec('gateway-timeout:on=users:request=3'));
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await client.graph('v1.0/users')).status);
    expect(statuses).toEqual([200, 200, 504, 200]);
  });
});

describe('token endpoint faults', () => {
  it('throttles the token endpoint when targeted', async () => {
    emulator.faults.add(parseFaultSpec('throttle:on=token:retry-after=1'));
    const result = await client.tokenRequest({ grant_type: 'client_credentials', client_id: emulator.clientId, client_secret: emulator.clientSecret, scope: 'https://graph.microsoft.com/.default' });
    expect(result.status).toBe(429);
    expect(result.headers['retry-after']).toBe('1');
  });
});

describe('latency', () => {
  it('delays every response by latencyMs', async () => {
    const slow = await startEmulator({ devices: 1, latencyMs: 150, log: () => undefined });
    const slowClient = new EmulatorClient(slow);
    try {
      await slowClient.accessToken();
      const started = Date.now();
      await slowClient.graph(LIST);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    } finally {
      await slowClient.close();
      await slow.close();
    }
  });
});

describe('transport faults', () => {
  it('resets the connection mid-page', async () => {
    emulator.faults.add({ kind: 'reset', route: 'managedDevices' });
    await expect(client.graph(LIST)).rejects.toThrow();
    expect((await client.graph(LIST)).status).toBe(200);
  });

  it('serves a truncated JSON page with status 200', async () => {
    emulator.faults.add({ kind: 'malformed', route: 'managedDevices' });
    const result = await client.graph(LIST);
    expect(result.status).toBe(200);
    expect(() => result.json()).toThrow();
  });
});

describe('token expiry mid-run', () => {
  it('expires every token after N requests so the next call gets 401, and a new token works', async () => {
    emulator.faults.add(parseFaultSpec('token-expiry:on=any:after=2'));
    expect((await client.graph(LIST)).status).toBe(200);
    expect((await client.graph(LIST)).status).toBe(200);
    expect((await client.graph(LIST)).status).toBe(401);
    client.forgetToken();
    expect((await client.graph(LIST)).status).toBe(200);
  });
});

describe('control endpoints', () => {
  it('adds faults and changes the fleet for a client holding the secret, and refuses anyone else', async () => {
    const control = (path: string, body: unknown, secret = emulator.clientSecret) =>
      client.send(`${emulator.authorityUrl}/_emulator/${path}`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await control('faults', { add: 'throttle:on=users' }, 'wrong')).status).toBe(401);
    expect((await control('faults', { add: 'throttle:on=users' })).status).toBe(200);
    expect((await client.graph('v1.0/users')).status).toBe(429);
    expect((await control('faults', { add: 'explode:on=users' })).status).toBe(400);
    const before = emulator.fleet.size();
    const added = await control('fleet', { action: 'add', n: 3 });
    expect((added.json() as { size: number }).size).toBe(before + 3);
    await control('fleet', { action: 'remove', n: 2 });
    expect(emulator.fleet.size()).toBe(before + 1);
  });
});

describe('fleet changes between runs', () => {
  it('re-enrols with the same serial and a new id, keeping the old record when asked', async () => {
    const before = emulator.fleet.size();
    const [fresh] = emulator.fleet.reenrol(1, { keepOld: true });
    expect(emulator.fleet.size()).toBe(before + 1);
    const twins = emulator.fleet.devices().filter((d) => d.serialNumber === fresh?.serialNumber);
    expect(twins).toHaveLength(2);
    expect(new Set(twins.map((d) => d.id)).size).toBe(2);
    emulator.fleet.reenrol(1);
    expect(emulator.fleet.size()).toBe(before + 1);
  });

  it('modify moves lastSyncDateTime forward and the list reflects it', async () => {
    const [changed] = emulator.fleet.modify(1);
    const result = (await client.graph(`${LIST}/${changed?.id ?? ''}`)).json() as { lastSyncDateTime: string };
    expect(Date.now() - Date.parse(result.lastSyncDateTime)).toBeLessThan(5000);
  });
});
