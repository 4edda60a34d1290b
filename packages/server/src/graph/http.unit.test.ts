import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { GraphError } from './graph-error.js';
import { GraphHttp } from './http.js';
import { IntuneClient } from './intune.js';
import { SlidingWindowLimiter } from './limiter.js';
import { DEFAULT_RETRY_POLICY } from './retry-policy.js';
import type { TokenProvider } from './auth.js';
import type { Clock } from './clock.js';
import type { RetryEvent } from './http.js';

const ORIGIN = 'https://graph.example.test';
const DEVICES = '/v1.0/deviceManagement/managedDevices';

// why: undici's MockAgent answers in memory, so GraphHttp's real request/parse/retry path runs without sockets;
// the fake token provider counts refreshes and the fake clock records waits instead of sleeping.
function setup() {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const pool = agent.get(ORIGIN);
  const sleeps: number[] = [];
  const clock: Clock = { now: () => Date.parse('2026-03-01T12:00:00Z'), sleep: async (ms) => void sleeps.push(ms) };
  const tokens = { issued: 0, forced: 0 };
  const tokenProvider: TokenProvider = {
    async getToken(options) {
      if (options?.forceRefresh) tokens.forced++;
      tokens.issued++;
      return { token: `t${tokens.issued}`, expiresOnMs: Number.MAX_SAFE_INTEGER };
    },
  };
  const events: RetryEvent[] = [];
  const http = new GraphHttp({
    dispatcher: agent,
    tokenProvider,
    limiter: new SlidingWindowLimiter({ clock }),
    clock,
    retryPolicy: { ...DEFAULT_RETRY_POLICY, random: () => 0.5 },
    onRetry: (e) => void events.push(e),
  });
  return { agent, pool, http, sleeps, tokens, events };
}

let current: ReturnType<typeof setup> | undefined;
afterEach(async () => {
  await current?.agent.close();
  current = undefined;
});

const page = (ids: string[], next?: string) => JSON.stringify({ value: ids.map((id) => ({ id })), ...(next ? { '@odata.nextLink': next } : {}) });

describe('GraphHttp', () => {
  it('retries a 429 after its fractional Retry-After and succeeds', async () => {
    current = setup();
    const { pool, http, sleeps } = current;
    pool.intercept({ path: DEVICES }).reply(429, { error: { code: 'TooManyRequests', message: 'Please retry again later.' } }, { headers: { 'retry-after': '2.128' } });
    pool.intercept({ path: DEVICES }).reply(200, page(['a']));
    const response = await http.getJson(`${ORIGIN}${DEVICES}`);
    expect(response.body).toEqual({ value: [{ id: 'a' }] });
    expect(sleeps).toEqual([2128]);
    expect(http.stats).toMatchObject({ requests: 2, retries: 1 });
  });

  it('refreshes the token once on 401, then fails with a config error on a second 401', async () => {
    current = setup();
    const { pool, http, tokens } = current;
    pool.intercept({ path: DEVICES }).reply(401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired.' } });
    pool.intercept({ path: DEVICES, headers: { authorization: 'Bearer t2' } }).reply(200, page(['a']));
    await http.getJson(`${ORIGIN}${DEVICES}`);
    expect(tokens.forced).toBe(1);

    pool.intercept({ path: DEVICES }).reply(401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired.' } }).times(2);
    const error = await http.getJson(`${ORIGIN}${DEVICES}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ kind: 'config', reason: 'unauthorized_after_refresh', status: 401 });
  });

  it('retries a torn JSON body as malformed_response, then gives up with a clear message', async () => {
    current = setup();
    const { pool, http, events } = current;
    pool.intercept({ path: DEVICES }).reply(200, '{"value":[{"id":"a"},').times(3);
    const error = await http.getJson(`${ORIGIN}${DEVICES}`).catch((e: unknown) => e);
    expect(events.map((e) => e.decision.action)).toEqual(['retry', 'retry', 'fail']);
    expect(String(error)).toContain(`malformed response from ${ORIGIN}${DEVICES}: invalid JSON`);
  });

  it('names the permission on 403', async () => {
    current = setup();
    const { pool, http } = current;
    pool.intercept({ path: '/v1.0/users' }).reply(403, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } });
    await expect(http.getJson(`${ORIGIN}/v1.0/users`, { permission: 'User.Read.All' })).rejects.toThrow(
      'Graph denied access (403 Authorization_RequestDenied): grant User.Read.All (application) and admin consent. Insufficient privileges to complete the operation.',
    );
  });
});

describe('IntuneClient over GraphHttp', () => {
  it('lists devices with $select and $top, deduping an id repeated across pages', async () => {
    current = setup();
    const { pool, http } = current;
    const first = `${DEVICES}?$top=2&$select=id,serialNumber`;
    const next = `${DEVICES}?$top=2&$select=id,serialNumber&$skiptoken=abc`;
    pool.intercept({ path: first }).reply(200, page(['a', 'b'], `${ORIGIN}${next}`));
    pool.intercept({ path: next }).reply(200, JSON.stringify({ value: [{ id: 'b' }, { id: 'c' }, { noId: true }] }));
    const client = new IntuneClient({ graphUrl: ORIGIN, pageSize: 2 }, { http, tokenProvider: { getToken: async () => ({ token: 'x', expiresOnMs: 0 }) } });
    const stats = { pages: 0, items: 0, duplicates: 0, invalid: 0 };
    const ids: string[] = [];
    for await (const devices of client.managedDevices({ select: ['serialNumber'], stats })) ids.push(...devices.map((d) => d.id));
    expect(ids).toEqual(['a', 'b', 'c']);
    expect(stats).toEqual({ pages: 2, items: 3, duplicates: 1, invalid: 1 });
  });

  it('rejects a field name that would break the query', async () => {
    current = setup();
    const client = new IntuneClient({ graphUrl: ORIGIN }, { http: current.http, tokenProvider: { getToken: async () => ({ token: 'x', expiresOnMs: 0 }) } });
    await expect(client.managedDevices({ select: ['serialNumber', 'x&$filter=1'] }).next()).rejects.toThrow(
      'invalid field name(s) in $select: "x&$filter=1"',
    );
  });

  it('reads GET-only fields through $batch and unwraps the docs-style { value } body', async () => {
    current = setup();
    const { pool, http } = current;
    pool.intercept({ path: '/v1.0/$batch', method: 'POST' }).reply(200, {
      responses: [
        { id: '0', status: 200, body: { id: 'a', physicalMemoryInBytes: 17179869184 } },
        { id: '1', status: 200, body: { value: { id: 'b', physicalMemoryInBytes: 8589934592 } } },
        { id: '2', status: 404, body: { error: { code: 'ResourceNotFound', message: 'not found' } } },
      ],
    });
    const client = new IntuneClient({ graphUrl: ORIGIN }, { http, tokenProvider: { getToken: async () => ({ token: 'x', expiresOnMs: 0 }) } });
    const result = await client.getManagedDevices(['a', 'b', 'gone'], { select: ['physicalMemoryInBytes'] });
    expect(result.get('a')).toEqual({ id: 'a', physicalMemoryInBytes: 17179869184 });
    expect(result.get('b')).toEqual({ id: 'b', physicalMemoryInBytes: 8589934592 });
    expect(result.get('gone')).toBeInstanceOf(GraphError);
  });
});

describe('GraphHttp cancellation', () => {
  it('stops during a retry wait when the run is aborted, without another request', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const controller = new AbortController();
    // why: the fake clock aborts the run at the moment GraphHttp starts waiting out a Retry-After.
    const clock: Clock = {
      now: () => 0,
      sleep: async (_ms, signal) => {
        controller.abort(new Error('run cancelled'));
        signal?.throwIfAborted();
      },
    };
    agent.get(ORIGIN).intercept({ path: DEVICES }).reply(503, {}, { headers: { 'retry-after': '30' } });
    const http = new GraphHttp({
      dispatcher: agent,
      tokenProvider: { getToken: async () => ({ token: 't', expiresOnMs: 0 }) },
      limiter: new SlidingWindowLimiter({ clock }),
      clock,
      signal: controller.signal,
    });
    await expect(http.getJson(`${ORIGIN}${DEVICES}`)).rejects.toThrow('run cancelled');
    expect(http.stats.requests).toBe(1);
    await agent.close();
  });
});
