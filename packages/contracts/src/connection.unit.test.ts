import { describe, expect, test } from 'vitest';
import { connectionInputSchema } from './connection.js';
import { toFieldIssues } from './issues.js';

const tenantId = '0b5f2a7e-6c1d-4a43-9a58-2f3b1f6d9e11';
const clientId = 'C2D7E3F4-1A2B-4C5D-8E9F-0A1B2C3D4E5F';

describe('connectionInputSchema', () => {
  test("the emulator's line plus a name is a valid connection, with the seeds' defaults", () => {
    const doc = connectionInputSchema.parse({
      name: 'Contoso',
      tenantId,
      clientId,
      clientSecret: 's3cret',
      authorityUrl: 'https://127.0.0.1:8443/',
      graphUrl: 'https://127.0.0.1:8443/graph',
      caCertFile: '/tmp/ca.pem',
    });
    expect(doc).toMatchObject({
      clientId: clientId.toLowerCase(),
      authorityUrl: 'https://127.0.0.1:8443',
      syncMode: 'inventory',
      cloud: 'global',
      graphApiVersion: 'v1.0',
      batchSize: 50,
      retireSafetyPercent: 20,
      schedule: '0 2 * * *',
      syncNowDebounceMinutes: 30,
      isActive: true,
      enabledForInstances: ['production'],
    });
  });

  const bad: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['tenant id not a GUID', { tenantId: 'contoso.onmicrosoft.com' }, 'tenantId', /GUID/],
    ['client id not a GUID', { clientId: '1234' }, 'clientId', /GUID/],
    ['empty secret', { clientSecret: '' }, 'clientSecret', /empty/],
    ['http authority', { authorityUrl: 'http://127.0.0.1' }, 'authorityUrl', /https/],
    ['unknown key', { clientSecrett: 'x' }, 'clientSecrett', /unknown key/],
    ['batch size zero', { batchSize: 0 }, 'batchSize', /./],
    ['name with a slash', { name: 'a/b' }, 'name', /letters/],
    ['unsupported auth mode', { authMode: 'password' }, 'authMode', /client_secret/],
    ['unknown schedule time zone', { scheduleTimezone: 'Europe/Atlantis' }, 'scheduleTimezone', /IANA time zone/],
  ];
  test.each(bad)('%s is refused, naming the field', (_title, patch, path, message) => {
    const result = connectionInputSchema.safeParse({ name: 'C', tenantId, clientId, clientSecret: 'x', ...patch });
    expect(result.success).toBe(false);
    const issues = result.success ? [] : toFieldIssues(result.error);
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  test('scheduleTimezone is optional (the server\'s zone then) and takes an IANA name', () => {
    const base = { name: 'C', tenantId, clientId, clientSecret: 'x' };
    expect(connectionInputSchema.parse(base)).not.toHaveProperty('scheduleTimezone');
    expect(connectionInputSchema.parse({ ...base, scheduleTimezone: 'America/New_York' }).scheduleTimezone).toBe('America/New_York');
  });
});
