import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from './index.js';
import { startEmulator } from './index.js';
import { DEFAULT_PERMISSIONS } from './graph-routes.js';
import { loadScenarioFile } from './scenario.js';
import { EmulatorClient } from './testing/emulator-client.js';

interface Page {
  '@odata.nextLink'?: string;
  value: Record<string, unknown>[];
}

const devicesPath = (groupId: string, query = '$select=id,deviceId'): string => `v1.0/groups/${groupId}/transitiveMembers/microsoft.graph.device?${query}`;

async function scan(client: EmulatorClient, firstUrl: string): Promise<Page[]> {
  const pages: Page[] = [];
  let url: string | undefined = firstUrl;
  while (url !== undefined) {
    const result = await client.graph(url);
    expect(result.status, result.text).toBe(200);
    const page = result.json() as Page;
    pages.push(page);
    url = page['@odata.nextLink'];
  }
  return pages;
}

describe('group device members on a generated fleet', () => {
  let emulator: RunningEmulator;
  let client: EmulatorClient;
  beforeAll(async () => {
    emulator = await startEmulator({ devices: 600, seed: 5, log: () => undefined });
    client = new EmulatorClient(emulator);
  });
  afterAll(async () => {
    await client.close();
    await emulator.close();
  });
  const group = (name: string) => {
    const found = emulator.fleet.groups().find((g) => g.displayName === name);
    if (found === undefined) throw new Error(`no group ${name}`);
    return found;
  };

  it('generates realistic groups whose members are managed devices of the fleet', () => {
    expect(emulator.fleet.groups().map((g) => g.displayName)).toEqual(['All Corporate Laptops', 'Sales Devices', 'Kiosk iPads', 'Windows Autopilot Devices', 'Executive Phones']);
    const laptops = group('All Corporate Laptops');
    const byAad = new Map(emulator.fleet.devices().map((d) => [(d.azureADDeviceId ?? '').toLowerCase(), d]));
    expect(laptops.deviceIds.length).toBeGreaterThan(200);
    expect(laptops.deviceIds.every((id) => byAad.get(id)?.chassisType === 'laptop' && byAad.get(id)?.managedDeviceOwnerType === 'company')).toBe(true);
    expect(group('Kiosk iPads').deviceIds.every((id) => byAad.get(id)?.operatingSystem === 'iPadOS')).toBe(true);
    expect(group('Sales Devices').deviceIds.length).toBeGreaterThan(20);
  });

  it('pages 100 at a time through absolute nextLinks, each member once, as Entra device objects', async () => {
    const laptops = group('All Corporate Laptops');
    const pages = await scan(client, devicesPath(laptops.id));
    expect(pages[0]?.value).toHaveLength(100);
    expect(pages.length).toBe(Math.ceil(laptops.deviceIds.length / 100));
    const next = pages[0]?.['@odata.nextLink'] ?? '';
    expect(next.startsWith(`${emulator.graphUrl}/v1.0/groups/${laptops.id}/transitiveMembers/microsoft.graph.device?`)).toBe(true);
    expect(new URL(next).searchParams.get('$select')).toBe('id,deviceId');
    const items = pages.flatMap((p) => p.value);
    expect(items.map((i) => i['deviceId']).sort()).toEqual([...laptops.deviceIds].sort());
    expect(new Set(items.map((i) => i['id'])).size).toBe(items.length);
    const first = items[0] ?? {};
    expect(Object.keys(first).sort()).toEqual(['@odata.type', 'deviceId', 'id']);
    expect(first['@odata.type']).toBe('#microsoft.graph.device');
    // The Entra object id is not the registration id Intune reports.
    expect(first['id']).not.toBe(first['deviceId']);
  });

  it('serves up to 999 per page on beta too, and rejects a bigger $top', async () => {
    const laptops = group('All Corporate Laptops');
    const page = (await client.graph(`beta/groups/${laptops.id}/transitiveMembers/microsoft.graph.device?$top=999&$select=id,deviceId`)).json() as Page;
    expect(page.value).toHaveLength(laptops.deviceIds.length);
    expect(page['@odata.nextLink']).toBeUndefined();
    const tooBig = await client.graph(devicesPath(laptops.id, '$top=1000'));
    expect(tooBig.status).toBe(400);
  });

  it('answers an unknown group with 404 Request_ResourceNotFound', async () => {
    const result = await client.graph(devicesPath('5e3f9a0b-1c2d-4e5f-8a9b-0c1d2e3f4a5b'));
    expect(result.status).toBe(404);
    const body = result.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('Request_ResourceNotFound');
    expect(body.error.message).toContain('5e3f9a0b-1c2d-4e5f-8a9b-0c1d2e3f4a5b');
  });

  it('rejects an unknown $select property', async () => {
    const result = await client.graph(devicesPath(group('Sales Devices').id, '$select=id,serialNumber'));
    expect(result.status).toBe(400);
    expect(result.text).toContain("'serialNumber'");
  });

  it('injects faults on the groups route', async () => {
    emulator.faults.add({ kind: 'unavailable', route: 'groups', count: 1 });
    try {
      expect((await client.graph(devicesPath(group('Sales Devices').id))).status).toBe(503);
      expect((await client.graph(devicesPath(group('Sales Devices').id))).status).toBe(200);
    } finally {
      emulator.faults.clear();
    }
  });
});

describe('group permissions', () => {
  const started: { emulator: RunningEmulator; client: EmulatorClient }[] = [];
  afterAll(async () => {
    for (const s of started) {
      await s.client.close();
      await s.emulator.close();
    }
  });
  const withPermissions = async (permissions: readonly string[]) => {
    const emulator = await startEmulator({ devices: 120, seed: 2, permissions, log: () => undefined });
    const client = new EmulatorClient(emulator);
    started.push({ emulator, client });
    return { emulator, client };
  };

  it('answers 403 naming the permission when no group permission is granted', async () => {
    const { emulator, client } = await withPermissions(DEFAULT_PERMISSIONS.filter((p) => p !== 'GroupMember.Read.All'));
    const result = await client.graph(devicesPath(emulator.fleet.groups()[0]?.id ?? ''));
    expect(result.status).toBe(403);
    expect(result.text).toContain('GroupMember.Read.All');
  });

  it('returns device members with only id when the app may not read devices (limited information)', async () => {
    const { emulator, client } = await withPermissions(DEFAULT_PERMISSIONS.filter((p) => p !== 'Device.Read.All'));
    const page = (await client.graph(devicesPath(emulator.fleet.groups()[0]?.id ?? ''))).json() as Page;
    expect(page.value.length).toBeGreaterThan(0);
    expect(page.value.every((m) => typeof m['id'] === 'string' && m['deviceId'] === null)).toBe(true);
  });
});

describe('groups in scenario files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'emu-groups-'));
  const device = (n: number) => ({ id: `d${n}`, deviceName: `PC-${n}`, azureADDeviceId: `AAD0000${n}-0000-4000-8000-000000000000`, managedDeviceOwnerType: 'company' });

  it('serves the groups as given, matching members by azureADDeviceId without case', async () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify({
      devices: [device(1), device(2), device(3)],
      groups: [
        { id: '11111111-1111-4111-8111-111111111111', displayName: 'Sales Devices', deviceIds: ['aad00001-0000-4000-8000-000000000000', 'AAD00003-0000-4000-8000-000000000000'] },
        { id: '22222222-2222-4222-8222-222222222222', displayName: 'Empty', deviceIds: [] },
      ],
    }));
    const emulator = await startEmulator({ scenarioFile: file, log: () => undefined });
    const client = new EmulatorClient(emulator);
    try {
      const page = (await client.graph(devicesPath('11111111-1111-4111-8111-111111111111', ''))).json() as Page;
      expect(page.value.map((m) => m['deviceId']).sort()).toEqual(['aad00001-0000-4000-8000-000000000000', 'aad00003-0000-4000-8000-000000000000']);
      expect(page.value.map((m) => m['displayName']).sort()).toEqual(['PC-1', 'PC-3']);
      const empty = (await client.graph(devicesPath('22222222-2222-4222-8222-222222222222'))).json() as Page;
      expect(empty.value).toEqual([]);
    } finally {
      await client.close();
      await emulator.close();
    }
  });

  it('names the bad group and field', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ devices: [device(1)], groups: [{ id: 'g1', displayName: 'A', deviceIds: [] }, { id: 'g2', deviceIds: [''] }] }));
    expect(() => loadScenarioFile(bad)).toThrow(/groups\[1\]\.displayName/);
    expect(() => loadScenarioFile(bad)).toThrow(/groups\[1\]\.deviceIds\[0\]: expected an azureADDeviceId/);
    writeFileSync(bad, JSON.stringify({ devices: [], groups: [{ id: 'g1', displayName: 'A', deviceIds: [] }, { id: 'G1', displayName: 'B', deviceIds: [] }] }));
    expect(() => loadScenarioFile(bad)).toThrow(/groups\[1\]\.id: duplicate id 'G1'/);
  });
});
