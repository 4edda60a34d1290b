import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from './index.js';
import { startEmulator } from './index.js';
import { DETECTED_APP_TABLES } from './graph-schema.js';
import { EmulatorClient } from './testing/emulator-client.js';

interface Page {
  '@odata.nextLink'?: string;
  value: Record<string, unknown>[];
}

let emulator: RunningEmulator;
let client: EmulatorClient;

beforeAll(async () => {
  emulator = await startEmulator({ devices: 400, seed: 3, log: () => undefined });
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

describe('users', () => {
  it('pages 100 at a time with a $skiptoken nextLink and the default property set', async () => {
    const pages = await scan('v1.0/users');
    const users = pages.flatMap((p) => p.value);
    expect(users).toHaveLength(Math.ceil(400 / 1.3));
    expect(pages[0]?.value).toHaveLength(100);
    expect(new Set(users.map((u) => u['id'])).size).toBe(users.length);
    expect(new URL(pages[0]?.['@odata.nextLink'] ?? '').searchParams.has('$skiptoken')).toBe(true);
    expect(Object.keys(users[0] ?? {}).sort()).toEqual(
      ['businessPhones', 'displayName', 'givenName', 'id', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName'],
    );
  });

  it('returns employeeId, onPremisesSamAccountName and department only on $select', async () => {
    const page = (await client.graph('v1.0/users?$top=999&$select=id,userPrincipalName,employeeId,onPremisesSamAccountName,department')).json() as Page;
    expect(page.value).toHaveLength(Math.ceil(400 / 1.3));
    expect(Object.keys(page.value[0] ?? {}).sort()).toEqual(['department', 'employeeId', 'id', 'onPremisesSamAccountName', 'userPrincipalName']);
    expect(page.value.some((u) => typeof u['employeeId'] === 'string')).toBe(true);
  });

  it('gets one user by id or UPN in any case, 404 Request_ResourceNotFound for anyone else', async () => {
    const page = (await client.graph('v1.0/users?$top=3&$select=id,userPrincipalName,mail')).json() as Page;
    const [first] = page.value as Array<{ id: string; userPrincipalName: string }>;
    for (const key of [first?.id.toUpperCase(), encodeURIComponent(first?.userPrincipalName.toUpperCase() ?? '')]) {
      const got = await client.graph(`v1.0/users/${key ?? ''}?$select=id,mail`);
      expect(got.status).toBe(200);
      expect(Object.keys(got.json() as object).sort()).toEqual(['@odata.context', 'id', 'mail']);
      expect((got.json() as { id: string }).id).toBe(first?.id);
    }
    const missing = await client.graph('v1.0/users/nobody%40contoso.com');
    expect(missing.status).toBe(404);
    expect((missing.json() as { error: { code: string } }).error.code).toBe('Request_ResourceNotFound');
  });

  it("filters by mail, userPrincipalName or id joined with 'or' (case-insensitive) and refuses any other $filter", async () => {
    const users = ((await client.graph('v1.0/users?$top=999&$select=id,userPrincipalName,mail')).json() as Page).value;
    const other = users.find((u) => typeof u['mail'] === 'string' && u['mail'] !== String(u['userPrincipalName']));
    const mail = String(other?.['mail']);
    const filter = encodeURIComponent(`mail eq '${mail.toUpperCase()}' or userPrincipalName eq 'nobody@x' or id eq '${String(users[0]?.['id'])}'`);
    const found = (await client.graph(`v1.0/users?$filter=${filter}&$select=id`)).json() as Page;
    expect(found.value.map((u) => u['id']).sort()).toEqual([other?.['id'], users[0]?.['id']].sort());
    const none = (await client.graph(`v1.0/users?$filter=${encodeURIComponent("mail eq 'o''brien@nowhere'")}`)).json() as Page;
    expect(none.value).toEqual([]);
    expect((await client.graph(`v1.0/users?$filter=${encodeURIComponent("startswith(mail,'a')")}`)).status).toBe(400);
  });

  it("rejects $top=1000 with Graph's directory message", async () => {
    const result = await client.graph('v1.0/users?$top=1000');
    expect(result.status).toBe(400);
    expect((result.json() as { error: { message: string } }).error.message).toBe("Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.");
  });
});

describe('$batch', () => {
  it('runs up to 20 relative requests and returns per-item status, headers and body', async () => {
    const ids = emulator.fleet.devices().slice(0, 20).map((d) => d.id);
    const requests = ids.map((id, i) => ({ id: String(i + 1), method: 'GET', url: `/deviceManagement/managedDevices/${id}?$select=id,physicalMemoryInBytes` }));
    const result = await client.graph('v1.0/$batch', { method: 'POST', body: JSON.stringify({ requests }) });
    expect(result.status).toBe(200);
    const body = result.json() as { responses: { id: string; status: number; headers: Record<string, string>; body: Record<string, unknown> }[] };
    expect(body.responses).toHaveLength(20);
    for (const item of body.responses) {
      expect(item.status).toBe(200);
      expect(item.headers['content-type']).toContain('application/json');
      expect(item.body['physicalMemoryInBytes']).toBeGreaterThan(0);
    }
  });

  it('rejects 21 requests with 400', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/users?$top=1' }));
    const result = await client.graph('v1.0/$batch', { method: 'POST', body: JSON.stringify({ requests }) });
    expect(result.status).toBe(400);
    expect((result.json() as { error: { code: string } }).error.code).toBe('BadRequest');
  });

  it('throttles individual items with 429 inside a 200 envelope', async () => {
    emulator.faults.add({ kind: 'throttle', route: 'managedDevice', onRequest: 2, count: 2, retryAfterSec: 3 });
    try {
      const ids = emulator.fleet.devices().slice(0, 4).map((d) => d.id);
      const requests = ids.map((id, i) => ({ id: String(i + 1), method: 'GET', url: `deviceManagement/managedDevices/${id}` }));
      const result = await client.graph('v1.0/$batch', { method: 'POST', body: JSON.stringify({ requests }) });
      expect(result.status).toBe(200);
      const body = result.json() as { responses: { id: string; status: number; headers: Record<string, string> }[] };
      expect(body.responses.map((r) => r.status)).toEqual([200, 429, 429, 200]);
      expect(body.responses[1]?.headers['retry-after']).toBe('3');
    } finally {
      emulator.faults.clear();
    }
  });
});

describe('detectedApps and Autopilot', () => {
  it('pages the detected-app catalogue with schema-valid items', async () => {
    const pages = await scan('v1.0/deviceManagement/detectedApps');
    const apps = pages.flatMap((p) => p.value);
    expect(pages.length).toBeGreaterThan(1);
    expect(apps.length).toBeGreaterThanOrEqual(70);
    const table = DETECTED_APP_TABLES['v1.0'];
    for (const app of apps) {
      for (const [name, value] of Object.entries(app)) {
        const row = table.byName.get(name);
        expect(row, name).toBeDefined();
        if (row?.enumValues !== undefined) expect(row.enumValues).toContain(value);
      }
    }
  });

  it('lists per-device detected apps on beta only', async () => {
    const windows = emulator.fleet.devices().find((d) => d.operatingSystem === 'Windows');
    const beta = await client.graph(`beta/deviceManagement/managedDevices/${windows?.id ?? ''}/detectedApps`);
    expect(beta.status).toBe(200);
    const apps = (beta.json() as Page).value;
    expect(apps.length).toBeGreaterThan(3);
    expect(apps.every((a) => a['platform'] === 'windows')).toBe(true);
    const v1 = await client.graph(`v1.0/deviceManagement/managedDevices/${windows?.id ?? ''}/detectedApps`);
    expect(v1.status).toBe(400);
  });

  it('lists Autopilot identities joined to managed devices, plus registered-but-not-enrolled ones', async () => {
    const pages = await scan('v1.0/deviceManagement/windowsAutopilotDeviceIdentities?$top=50');
    const identities = pages.flatMap((p) => p.value);
    const deviceIds = new Set(emulator.fleet.devices().map((d) => d.id));
    const enrolled = identities.filter((i) => deviceIds.has(String(i['managedDeviceId'])));
    const pending = identities.filter((i) => i['enrollmentState'] === 'notContacted');
    expect(enrolled.length).toBeGreaterThan(100);
    expect(pending).toHaveLength(8);
  });
});
