import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/index.js';
import { createIntuneClient } from './create-intune-client.js';
import { GraphError } from './graph-error.js';
import type { GraphConnection, GraphConnectionOptions } from './create-intune-client.js';
import type { RetryEvent } from './http.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const FLEET = 2500;

let emu: Emulator;
const open: GraphConnection[] = [];

function connect(target: Emulator, overrides: Partial<GraphConnectionOptions> = {}): { conn: GraphConnection; events: RetryEvent[] } {
  const events: RetryEvent[] = [];
  const conn = createIntuneClient({
    tenantId: target.tenantId,
    clientId: target.clientId,
    credential: { type: 'client_secret', clientSecret: target.clientSecret },
    authorityUrl: target.authorityUrl,
    graphUrl: target.graphUrl,
    caCertPem: target.caCertPem,
    // Real waits stay short; the events still carry the wait Graph asked for (computedWaitMs).
    retryPolicy: { maxWaitMs: 50, baseDelayMs: 5, maxBackoffMs: 20 },
    onRetry: (event) => void events.push(event),
    ...overrides,
  });
  open.push(conn);
  return { conn, events };
}

async function readAllIds(conn: GraphConnection, onPage?: (index: number) => void): Promise<string[]> {
  const ids: string[] = [];
  let index = 0;
  for await (const devices of conn.client.managedDevices({ select: ['deviceName', 'serialNumber'] })) {
    ids.push(...devices.map((d) => d.id));
    onPage?.(++index);
  }
  return ids;
}

beforeAll(async () => {
  emu = await startEmulator({ devices: FLEET, seed: 1 });
});
afterEach(async () => {
  emu.faults.clear();
  await Promise.all(open.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await emu?.close();
});

describe('IntuneClient against the emulated tenant (HTTPS, real msal-node)', () => {
  it('reads the whole fleet once per id with one token', async () => {
    const { conn, events } = connect(emu);
    const ids = await readAllIds(conn);
    expect(ids).toHaveLength(FLEET);
    expect(new Set(ids).size).toBe(FLEET);
    expect(conn.tokenStats.tokenRequests).toBe(1);
    expect(conn.http.stats.requests).toBe(Math.ceil(FLEET / 1000));
    expect(events).toEqual([]);
  });

  it('refreshes once when every token is revoked mid-run (401 → refresh → success)', async () => {
    const { conn, events } = connect(emu);
    const ids = await readAllIds(conn, (page) => {
      if (page === 1) emu.tokens.expireAll();
    });
    expect(new Set(ids).size).toBe(FLEET);
    expect(events.map((e) => `${e.decision.action}:${e.decision.reason}`)).toEqual(['refresh_token:unauthorized']);
    expect(conn.tokenStats.tokenRequests).toBe(2);
  });

  it('says AADSTS7000215 for a wrong secret', async () => {
    const { conn } = connect(emu, { credential: { type: 'client_secret', clientSecret: 'not-the-secret' } });
    const error = await readAllIds(conn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).message).toMatch(/^AADSTS7000215: Invalid client secret provided\./);
    expect((error as GraphError).message).not.toContain('\n');
    expect(error).toMatchObject({ code: 'AADSTS7000215', kind: 'config' });
  });

  it('says AADSTS90002 for an unknown tenant', async () => {
    const { conn } = connect(emu, { tenantId: '00000000-0000-0000-0000-000000000000' });
    const result = await conn.client.probe();
    expect(result.ok).toBe(false);
    expect(result.token.message).toMatch(/^AADSTS90002: Tenant '00000000-0000-0000-0000-000000000000' not found/);
  });

  it.each([
    { name: '429 with fractional Retry-After', fault: { kind: 'throttle', retryAfterSec: 2.128 }, reason: 'throttled', computed: 2128 },
    { name: '429 with HTTP-date Retry-After', fault: { kind: 'throttle', retryAfterDateSec: 3 }, reason: 'throttled', computed: 'date' },
    { name: '429 without Retry-After', fault: { kind: 'throttle' }, reason: 'throttled', computed: 'backoff' },
    { name: '503', fault: { kind: 'unavailable' }, reason: 'service_unavailable', computed: 'any' },
    { name: '504', fault: { kind: 'gateway-timeout' }, reason: 'gateway_timeout', computed: 'any' },
    { name: 'Intune 500', fault: { kind: 'intune-500' }, reason: 'server_error', computed: 'any' },
    { name: 'connection reset mid-page', fault: { kind: 'reset' }, reason: 'network_error', computed: 'backoff' },
    { name: 'malformed page', fault: { kind: 'malformed' }, reason: 'malformed_response', computed: 'backoff' },
  ] as const)('retries a $name on page 2 and still reads every device', async ({ fault, reason, computed }) => {
    emu.faults.add({ ...fault, route: 'managedDevices', onPage: 2 });
    const { conn, events } = connect(emu);
    const ids = await readAllIds(conn);
    expect(new Set(ids).size).toBe(FLEET);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event?.decision).toMatchObject({ action: 'retry', kind: 'transient', reason });
    expect(event?.decision.waitMs).toBeLessThanOrEqual(50);
    if (computed === 2128) expect(event?.decision.computedWaitMs).toBe(2128);
    if (computed === 'date') {
      expect(event?.decision.computedWaitMs).toBeGreaterThan(1000);
      expect(event?.decision.computedWaitMs).toBeLessThanOrEqual(3000);
    }
    if (computed === 'backoff') expect(event?.failure.retryAfterMs).toBeUndefined();
  });

  it('fails with an admin-readable message when 503 persists', async () => {
    emu.faults.add({ kind: 'unavailable', route: 'managedDevices', count: Infinity });
    const { conn, events } = connect(emu, { retryPolicy: { maxWaitMs: 5, baseDelayMs: 1, maxBackoffMs: 5, maxAttempts: 4 } });
    const error = await readAllIds(conn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).message).toMatch(/^Graph request failed after 4 attempts: 503 \w+: .+/);
    expect(error).toMatchObject({ kind: 'transient', reason: 'service_unavailable_retries_exhausted', status: 503 });
    expect(events).toHaveLength(4);
  });

  it('fails after a few persistent Intune 500s, showing the Intune message rather than its JSON', async () => {
    emu.faults.add({ kind: 'intune-500', route: 'managedDevices', count: Infinity });
    const { conn } = connect(emu);
    const error = (await readAllIds(conn).catch((e: unknown) => e)) as GraphError;
    expect(error.message).toMatch(/^Graph request failed after 4 attempts: 500 \w+: /);
    expect(error.message).not.toContain('_version');
  });

  it('reads GET-only fields through $batch, re-sending items throttled inside the batch', async () => {
    const { conn } = connect(emu);
    const ids: string[] = [];
    for await (const devices of conn.client.managedDevices({ select: ['deviceName'] })) {
      ids.push(...devices.slice(0, 45).map((d) => d.id));
      break;
    }
    emu.faults.add({ kind: 'throttle', route: 'managedDevice', retryAfterSec: 1.5, count: 3 });
    const { conn: batchConn, events } = connect(emu);
    const result = await batchConn.client.getManagedDevices(ids, { select: ['physicalMemoryInBytes', 'serialNumber'] });
    expect(result.size).toBe(45);
    const devices = [...result.values()];
    expect(devices.every((d) => !(d instanceof GraphError))).toBe(true);
    expect(devices.some((d) => !(d instanceof GraphError) && (d.physicalMemoryInBytes ?? 0) > 0)).toBe(true);
    expect(events.filter((e) => e.decision.reason === 'throttled').map((e) => e.decision.computedWaitMs)).toEqual([1500, 1500, 1500]);
    expect(batchConn.http.stats.requests).toBe(Math.ceil(45 / 20) + 1);
  });

  it('probes: token, one page, each capability and the device fields seen', async () => {
    const { conn } = connect(emu);
    const result = await conn.client.probe({ sampleSize: 50 });
    expect(result.ok).toBe(true);
    expect(result.devicesRead).toBe(50);
    expect(Object.values(result.capabilities).map((c) => c.ok)).toEqual([true, true, true, true]);
    expect(result.deviceFields).toEqual(expect.arrayContaining(['id', 'serialNumber', 'deviceName', 'manufacturer', 'model']));
    expect(conn.http.stats.requests).toBe(4);
  });
});

describe('token lifetime and permissions', () => {
  let shortLived: Emulator;
  let limited: Emulator;
  beforeAll(async () => {
    shortLived = await startEmulator({ devices: 300, seed: 2, tokenLifetimeSec: 10, pageSize: 100 });
    limited = await startEmulator({ devices: 50, seed: 3, permissions: ['DeviceManagementManagedDevices.Read.All'] });
  });
  afterAll(async () => {
    await shortLived?.close();
    await limited?.close();
  });

  it('caches a 10-second token and refreshes it before it expires, without a 401', async () => {
    const { conn, events } = connect(shortLived);
    const first = await conn.client.managedDevices().next();
    expect(first.done).toBe(false);
    await conn.client.managedDevices().next();
    expect(conn.tokenStats.tokenRequests).toBe(1);
    // msal reports expiry in whole seconds taken when the answer arrives, so it can believe in up to ~1 s more
    // than the token has; the refresh point (80 % of the believed lifetime, ≤ 8.8 s) is still before 9 s, and the
    // token really expires at 10 s: a call at 9 s must refresh first and never see a 401.
    await new Promise((resolve) => setTimeout(resolve, 9000));
    await conn.client.managedDevices().next();
    expect(conn.tokenStats.tokenRequests).toBe(2);
    expect(events).toEqual([]);
  });

  it('names the permission to grant when Graph answers 403', async () => {
    const { conn } = connect(limited);
    const error = await (async () => {
      for await (const users of conn.client.users({ select: ['mail'] })) return users;
      return undefined;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).message).toMatch(/^Graph denied access \(403 [\w_]+\): grant User\.Read\.All \(application\) and admin consent\./);
    const probe = await conn.client.probe();
    expect(probe.ok).toBe(true);
    expect(probe.capabilities.users).toMatchObject({ ok: false, status: 403, permission: 'User.Read.All' });
    expect(probe.capabilities.autopilot).toMatchObject({ ok: false, status: 403, permission: 'DeviceManagementServiceConfig.Read.All' });
  });
});
