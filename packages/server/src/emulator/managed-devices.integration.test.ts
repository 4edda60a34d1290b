import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from './index.js';
import { startEmulator } from './index.js';
import { HARDWARE_INFORMATION_TABLE, MANAGED_DEVICE_TABLES } from './graph-schema.js';
import { EmulatorClient } from './testing/emulator-client.js';

interface Page {
  '@odata.context': string;
  '@odata.count': number;
  '@odata.nextLink'?: string;
  value: Record<string, unknown>[];
}

let emulator: RunningEmulator;
let client: EmulatorClient;

beforeAll(async () => {
  emulator = await startEmulator({ devices: 2500, seed: 7, log: () => undefined });
  client = new EmulatorClient(emulator);
});
afterAll(async () => {
  await client.close();
  await emulator.close();
});

async function scan(firstUrl: string): Promise<Page[]> {
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

describe('managedDevices list', () => {
  it('pages 2500 devices in three keyset pages with per-page @odata.count', async () => {
    const pages = await scan('v1.0/deviceManagement/managedDevices');
    expect(pages.map((p) => p['@odata.count'])).toEqual([1000, 1000, 500]);
    expect(pages.map((p) => p.value.length)).toEqual([1000, 1000, 500]);
    const ids = new Set(pages.flatMap((p) => p.value.map((d) => d['id'])));
    expect(ids.size).toBe(2500);
    const first = pages[0];
    expect(first?.['@odata.context']).toBe(`${emulator.graphUrl}/v1.0/$metadata#deviceManagement/managedDevices`);
    const link = first?.['@odata.nextLink'] ?? '';
    expect(link.startsWith(`${emulator.graphUrl}/v1.0/deviceManagement/managedDevices?`)).toBe(true);
    expect(decodeURIComponent(new URL(link).searchParams.get('$skiptoken') ?? '')).toMatch(/^LastDeviceName='.*',LastDeviceId='[0-9a-f-]{36}'$/);
  });

  it('honours $top, caps it at the page size and keeps it in the nextLink', async () => {
    const small = (await client.graph('v1.0/deviceManagement/managedDevices?$top=7')).json() as Page;
    expect(small.value).toHaveLength(7);
    expect(small['@odata.count']).toBe(7);
    expect(new URL(small['@odata.nextLink'] ?? '').searchParams.get('$top')).toBe('7');
    const big = (await client.graph('v1.0/deviceManagement/managedDevices?$top=5000')).json() as Page;
    expect(big.value).toHaveLength(1000);
  });

  it('ignores $filter and $orderby, returning everything', async () => {
    const pages = await scan(`v1.0/deviceManagement/managedDevices?$filter=${encodeURIComponent("userId eq 'nobody'")}&$orderby=deviceName desc`);
    expect(pages.reduce((sum, p) => sum + p.value.length, 0)).toBe(2500);
  });

  it('returns only v1.0 properties on v1.0, with valid enum values, and beta extras on beta', async () => {
    const v1 = (await client.graph('v1.0/deviceManagement/managedDevices?$top=300')).json() as Page;
    const table = MANAGED_DEVICE_TABLES['v1.0'];
    for (const device of v1.value) {
      for (const [name, value] of Object.entries(device)) {
        const row = table.byName.get(name);
        expect(row, `unknown property ${name}`).toBeDefined();
        if (row?.enumValues !== undefined) expect(row.enumValues).toContain(value);
      }
      expect(device['deviceActionResults']).toEqual([]);
      expect(device).not.toHaveProperty('@odata.type');
    }
    const beta = (await client.graph('beta/deviceManagement/managedDevices?$top=300')).json() as Page;
    const betaTable = MANAGED_DEVICE_TABLES.beta;
    for (const device of beta.value) {
      expect(Object.keys(device).sort()).toEqual(betaTable.properties.map((row) => row.name).sort());
      for (const [name, value] of Object.entries(device)) {
        const row = betaTable.byName.get(name);
        if (row?.enumValues !== undefined) expect(row.enumValues).toContain(value);
      }
    }
  });

  it('applies $select and rejects unknown properties like Graph', async () => {
    const page = (await client.graph('v1.0/deviceManagement/managedDevices?$top=5&$select=deviceName,serialNumber')).json() as Page;
    for (const device of page.value) expect(Object.keys(device).sort()).toEqual(['deviceName', 'id', 'serialNumber']);
    const bad = await client.graph('v1.0/deviceManagement/managedDevices?$select=deviceName,chassisType');
    expect(bad.status).toBe(400);
    expect((bad.json() as { error: { message: string } }).error.message).toBe(
      "Could not find a property named 'chassisType' on type 'microsoft.graph.managedDevice'.",
    );
  });

  it('serves GET-only fields as defaults on the list and real values only on GET by id with $select', async () => {
    const device = emulator.fleet.devices().find((d) => d.operatingSystem === 'Windows' && d.ethernetMacAddress !== null);
    expect(device).toBeDefined();
    const id = device?.id ?? '';
    const listed = (await client.graph(`v1.0/deviceManagement/managedDevices?$select=id,physicalMemoryInBytes,ethernetMacAddress&$top=1000`)).json() as Page;
    for (const item of listed.value) {
      expect(item['physicalMemoryInBytes']).toBe(0);
      expect(item['ethernetMacAddress']).toBeNull();
    }
    const plain = (await client.graph(`v1.0/deviceManagement/managedDevices/${id}`)).json() as Record<string, unknown>;
    expect(plain['physicalMemoryInBytes']).toBe(0);
    expect(plain['@odata.context']).toContain('$entity');
    const selected = (await client.graph(`v1.0/deviceManagement/managedDevices/${id}?$select=id,physicalMemoryInBytes,ethernetMacAddress`)).json() as Record<string, unknown>;
    expect(selected['physicalMemoryInBytes']).toBe(device?.physicalMemoryInBytes);
    expect(selected['ethernetMacAddress']).toBe(device?.ethernetMacAddress);
    const hw = (await client.graph(`beta/deviceManagement/managedDevices/${id}?$select=hardwareInformation`)).json() as { hardwareInformation: Record<string, unknown> };
    expect(hw.hardwareInformation['serialNumber']).toBe(device?.serialNumber);
    const hwList = (await client.graph(`beta/deviceManagement/managedDevices/${id}`)).json() as { hardwareInformation: Record<string, unknown> };
    expect(hwList.hardwareInformation['serialNumber']).toBeNull();
    expect(hwList.hardwareInformation['totalStorageSpace']).toBe(0);
    const names = HARDWARE_INFORMATION_TABLE.properties.map((row) => row.name).sort();
    expect(Object.keys(hw.hardwareInformation).sort()).toEqual(names);
    expect(Object.keys(hwList.hardwareInformation).sort()).toEqual(names);
  });

  it('serves the same fleet for the same seed and size, and counts requests per route', async () => {
    const twin = await startEmulator({ devices: 2500, seed: 7, log: () => undefined });
    try {
      expect(JSON.stringify(twin.fleet.devices())).toBe(JSON.stringify(emulator.fleet.devices()));
    } finally {
      await twin.close();
    }
    const stats = emulator.stats();
    expect(stats.tokensIssued).toBeGreaterThanOrEqual(1);
    expect(stats.byRoute['managedDevices']).toBeGreaterThan(3);
    expect(stats.byRoute['token']).toBeGreaterThanOrEqual(1);
    expect(stats.requests).toBeGreaterThan(stats.byRoute['managedDevices'] ?? 0);
  });

  it('answers an unknown id with a Graph 404', async () => {
    const result = await client.graph('v1.0/deviceManagement/managedDevices/00000000-0000-0000-0000-000000000000');
    expect(result.status).toBe(404);
    expect((result.json() as { error: { code: string } }).error.code).toBe('ResourceNotFound');
  });
});
