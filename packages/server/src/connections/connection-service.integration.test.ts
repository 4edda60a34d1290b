import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator } from '../emulator/index.js';
import type { RunningEmulator } from '../emulator/index.js';
import { SecretBox } from '../security/secret-box.js';
import { DIALECTS, useTestStore } from '../store/testing/open-test-store.js';
import { ConnectionService } from './connection-service.js';

const quiet = (): void => undefined;

describe.each(DIALECTS)('ConnectionService on %s', (dialect) => {
  const store = useTestStore(dialect, 'connection service');
  let emulator: RunningEmulator;
  let service: ConnectionService;

  beforeAll(async () => {
    emulator = await startEmulator({ devices: 300, seed: 7, log: quiet });
    service = new ConnectionService({ store: store(), secretBox: new SecretBox(randomBytes(32)) });
  });
  afterAll(async () => {
    await emulator.close();
  });

  const emulatorDocument = (name: string): Record<string, unknown> => ({
    name,
    graphUrl: emulator.graphUrl,
    authorityUrl: emulator.authorityUrl,
    tenantId: emulator.tenantId,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    caCertFile: emulator.caCertFile,
  });

  test('add stores the connection with defaults; the secret only as ciphertext; list never shows it', async () => {
    const summary = await service.add(emulatorDocument('Contoso'));
    expect(summary).toMatchObject({ name: 'Contoso', hasClientSecret: true, availableFields: [], availableFieldsAt: null });
    expect(summary.settings).toMatchObject({ syncMode: 'inventory', batchSize: 50, cloud: 'global' });
    expect(JSON.stringify(summary)).not.toContain(emulator.clientSecret);
    const row = await store().db.selectFrom('connections').selectAll().where('name', '=', 'Contoso').executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(emulator.clientSecret);
    expect(row.credentials_encrypted).toMatch(/^v1:/);
    const listed = await service.list();
    expect(listed.map((c) => c.name)).toContain('Contoso');
    expect(JSON.stringify(listed)).not.toContain(emulator.clientSecret);
  });

  test('a bad document is refused with every field named, and nothing is stored', async () => {
    const before = await service.list();
    await expect(
      service.add({ ...emulatorDocument('Broken'), tenantId: 'contoso.onmicrosoft.com', schedule: 'every day', colour: 'red' }),
    ).rejects.toMatchObject({
      code: 'input_invalid',
      details: {
        issues: expect.arrayContaining([
          { path: 'tenantId', message: expect.stringMatching(/GUID/) },
          { path: 'colour', message: expect.stringMatching(/unknown key/) },
        ]),
      },
    });
    await expect(service.add({ ...emulatorDocument('Broken'), schedule: 'every day' })).rejects.toMatchObject({
      details: { issues: [{ path: 'schedule', message: expect.stringMatching(/cron/) }] },
    });
    await expect(service.add({ ...emulatorDocument('Broken'), caCertFile: '/nonexistent/ca.pem' })).rejects.toMatchObject({
      details: { issues: [{ path: 'caCertFile', message: expect.stringMatching(/cannot be read/) }] },
    });
    expect(await service.list()).toEqual(before);
  });

  test('a second connection with the same name is refused', async () => {
    await expect(service.add(emulatorDocument('Contoso'))).rejects.toMatchObject({ code: 'connection_exists' });
  });

  test('test: token, one page, every permission, and the available fields (Graph schema ∪ keys seen) stored', async () => {
    const report = await service.test('Contoso');
    expect(report.ok).toBe(true);
    expect(report.token.ok).toBe(true);
    expect(Object.values(report.capabilities).every((c) => c.ok)).toBe(true);
    expect(report.devicesRead).toBeGreaterThan(0);
    expect(report.availableFields.source).toBe('live');
    const names = report.availableFields.fields.map((f) => f.name);
    expect(names).toHaveLength(56);
    expect(names).toEqual(expect.arrayContaining(['serialNumber', 'physicalMemoryInBytes', 'userPrincipalName']));
    expect(report.availableFields.fields.find((f) => f.name === 'ethernetMacAddress')?.getOnly).toBe(true);
    const stored = await service.get('Contoso');
    expect(stored.availableFields?.source).toBe('live');
    expect(stored.availableFields?.fields).toHaveLength(56);
  });

  test('when the live call fails, the report shows the last stored list and says so', async () => {
    await service.add({ ...emulatorDocument('Contoso'), clientSecret: 'wrong-secret' }, { replaceExisting: true });
    const report = await service.test('Contoso');
    expect(report.ok).toBe(false);
    expect(report.token.message).toMatch(/AADSTS7000215/);
    expect(report.availableFields).toMatchObject({ source: 'stored', notice: expect.stringMatching(/live call failed.*AADSTS7000215/) });
    expect(report.availableFields.fields).toHaveLength(56);
  });

  test('a connection that never succeeded falls back to the Graph schema, and says so', async () => {
    await service.add({ ...emulatorDocument('Never'), clientSecret: 'wrong-secret', graphApiVersion: 'beta' });
    const report = await service.test('Never');
    expect(report.availableFields).toMatchObject({ source: 'schema', notice: expect.stringMatching(/no call has succeeded yet/) });
    expect(report.availableFields.fields.map((f) => f.name)).toContain('chassisType');
  });

  test('an unknown name is not_found and lists the names there are', async () => {
    await expect(service.test('Nope')).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/"Contoso"/) });
  });
});
