import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/index.js';
import type { RunningEmulator } from '../emulator/index.js';
import { DEFAULT_PERMISSIONS } from '../emulator/graph-routes.js';
import { createIntuneClient } from './create-intune-client.js';
import type { GraphConnection } from './create-intune-client.js';
import { GraphError } from './graph-error.js';

const emulators: RunningEmulator[] = [];
const open: GraphConnection[] = [];
let emu: RunningEmulator;

async function tenant(options: Parameters<typeof startEmulator>[0]): Promise<RunningEmulator> {
  const started = await startEmulator({ log: () => undefined, ...options });
  emulators.push(started);
  return started;
}

function connect(target: RunningEmulator): GraphConnection {
  const conn = createIntuneClient({
    tenantId: target.tenantId,
    clientId: target.clientId,
    credential: { type: 'client_secret', clientSecret: target.clientSecret },
    authorityUrl: target.authorityUrl,
    graphUrl: target.graphUrl,
    caCertPem: target.caCertPem,
    retryPolicy: { maxWaitMs: 20, baseDelayMs: 2, maxBackoffMs: 10, maxAttempts: 3 },
  });
  open.push(conn);
  return conn;
}

function groupNamed(target: RunningEmulator, name: string): { id: string; deviceIds: readonly string[] } {
  const group = target.fleet.groups().find((g) => g.displayName === name);
  if (group === undefined) throw new Error(`no group ${name}`);
  return group;
}

beforeAll(async () => {
  emu = await tenant({ devices: 2500, seed: 4 });
});
afterEach(async () => {
  emu.faults.clear();
  await Promise.all(open.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
});

describe('IntuneClient.groupDeviceIds against the emulated tenant', () => {
  it("reads every page of a big group's device members as lower-cased azureADDeviceIds", async () => {
    const laptops = groupNamed(emu, 'All Corporate Laptops');
    expect(laptops.deviceIds.length).toBeGreaterThan(999);
    const conn = connect(emu);
    const ids = await conn.client.groupDeviceIds(laptops.id);
    expect([...ids].sort()).toEqual([...laptops.deviceIds].sort());
    expect(conn.http.stats.requests).toBe(Math.ceil(laptops.deviceIds.length / 999));
    const byAad = new Set(emu.fleet.devices().map((d) => (d.azureADDeviceId ?? '').toLowerCase()));
    expect([...ids].every((id) => byAad.has(id) && id === id.toLowerCase())).toBe(true);
  });

  it('retries a 503 on the group route like any other list', async () => {
    emu.faults.add({ kind: 'unavailable', route: 'groups', count: 1 });
    const sales = groupNamed(emu, 'Sales Devices');
    const ids = await connect(emu).client.groupDeviceIds(sales.id);
    expect(ids.size).toBe(new Set(sales.deviceIds).size);
  });

  it('turns an unknown group into a GraphError that names it', async () => {
    const missing = '5e3f9a0b-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
    const error = await connect(emu).client.groupDeviceIds(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ status: 404, code: 'Request_ResourceNotFound', reason: 'not_found' });
    expect((error as GraphError).message).toContain(`Entra group ${missing} does not exist`);
  });

  it('names the group and GroupMember.Read.All on 403', async () => {
    const denied = await tenant({ devices: 50, permissions: DEFAULT_PERMISSIONS.filter((p) => p !== 'GroupMember.Read.All') });
    const group = groupNamed(denied, 'All Corporate Laptops');
    const error = await connect(denied).client.groupDeviceIds(group.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403, kind: 'config', permission: 'GroupMember.Read.All' });
    expect((error as GraphError).message).toMatch(new RegExp(`grant GroupMember\\.Read\\.All .*Entra group ${group.id}`));
  });

  it('refuses members without deviceId (no Device.Read.All) instead of matching nothing', async () => {
    const limited = await tenant({ devices: 50, permissions: DEFAULT_PERMISSIONS.filter((p) => p !== 'Device.Read.All') });
    const group = groupNamed(limited, 'All Corporate Laptops');
    const error = await connect(limited).client.groupDeviceIds(group.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'config', reason: 'device_read_not_granted', permission: 'Device.Read.All' });
    expect((error as GraphError).message).toContain(`Entra group ${group.id} lists its devices without their deviceId: grant Device.Read.All`);
  });

  it('rejects a group id that is not a GUID before calling Graph', async () => {
    const conn = connect(emu);
    await expect(conn.client.groupDeviceIds('Sales')).rejects.toThrow('Entra group id "Sales" is not a GUID');
    expect(conn.http.stats.requests).toBe(0);
  });
});
