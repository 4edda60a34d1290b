import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator } from '../emulator/index.js';
import { DIALECTS, openTestStore } from '../store/testing/open-test-store.js';
import type { TestStore } from '../store/testing/open-test-store.js';
import { snapshotCounts } from '../store/testing/sync-fixtures.js';
import type { DeviceDiff, RunReport } from '../sync/run-report.js';
import { runCli } from './testing/cli.js';
import { deviceId, laptop, laptops, person, RECENT } from './testing/scenario.js';
import type { Scenario } from './testing/scenario.js';
import { connectionDocument, countsAddUp, registerOf, startScenarioTenant } from './testing/sync-harness.js';
import type { ScenarioTenant } from './testing/sync-harness.js';

const LATER = new Date(Date.parse(RECENT) + 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const CONTRACT_ASSET_KEYS = [
  'assetTag', 'name', 'serialNumber', 'category', 'status', 'subStatus', 'make', 'model', 'osVersion', 'memoryGb', 'storageGb',
  'allocatedToEmail', 'intuneDeviceId',
];
const COUNT_KEYS = ['fetched', 'synced', 'unsynced', 'created', 'updated', 'unchanged', 'retired', 'restored', 'allocated', 'usersCreated', 'skipped', 'failed'];

const v1: Scenario = {
  users: [person('alice.smith')],
  devices: [laptop(1, { userPrincipalName: 'alice.smith@contoso.example' }), ...laptops(2, 6), laptop(7, { managedDeviceOwnerType: 'personal' })],
};

function parseReport(stdout: string): RunReport {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] ?? '') as RunReport;
}

// The CLI contract (SPEC §7.3) through the real bin in its own process: sync --json, sync --dry-run, export,
// connection add refusing a malformed file.
describe.each(DIALECTS)('the sync CLI on %s', (dialect) => {
  let db: TestStore;
  let tenant: ScenarioTenant;
  let env: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    db = await openTestStore(dialect, 'sync cli');
    tenant = await startScenarioTenant(v1);
    dir = mkdtempSync(join(tmpdir(), 'ia-sync-cli-'));
    env = { INTUNE_ASSETS_DATA_DIR: join(dir, 'data'), DATABASE_URL: db.databaseUrl };
    const file = join(dir, 'conn.json');
    writeFileSync(file, JSON.stringify(connectionDocument(tenant.emulator, 'Cli')));
    const added = await runCli(['connection', 'add', '--file', file], env);
    expect(added, added.stderr).toMatchObject({ code: 0, stdout: expect.stringMatching(/Added connection "Cli"/) });
  });
  afterAll(async () => {
    await tenant.close();
    await db.cleanup();
  });

  test('sync --json prints one JSON report with the contract keys; counts add up; exit 0', async () => {
    const result = await runCli(['sync', 'Cli', '--json'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = parseReport(result.stdout);
    expect(report).toMatchObject({ runId: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'succeeded', durationMs: expect.any(Number), errors: [] });
    expect(Object.keys(report.counts)).toEqual(expect.arrayContaining(COUNT_KEYS));
    expect(report.counts).toMatchObject({ fetched: 7, synced: 6, unsynced: 1, created: 6, allocated: 1, usersCreated: 1, skipped: { personal_device: 1 }, failed: 0 });
    expect(countsAddUp(report)).toBe(true);
    const run = await db.store.db.selectFrom('runs').select(['status', 'is_dry_run']).where('id', '=', report.runId).executeTakeFirstOrThrow();
    expect(run.status).toBe('succeeded');
  });

  test('export assets as JSON and CSV carries the contract keys and matches the register', async () => {
    const json = await runCli(['export', 'assets', '--format', 'json'], env);
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(6);
    for (const row of rows) expect(Object.keys(row)).toEqual(expect.arrayContaining(CONTRACT_ASSET_KEYS));
    const register = await registerOf(db.store, 'Cli');
    const pick = (r: Record<string, unknown>): unknown[] => ['assetTag', 'serialNumber', 'name', 'category', 'make', 'model', 'osVersion', 'storageGb', 'allocatedToEmail', 'intuneDeviceId'].map((k) => r[k]);
    expect(rows.map(pick).sort()).toEqual(register.map((a) => pick(a as unknown as Record<string, unknown>)).sort());
    expect(rows.map((r) => r['status']).sort()).toEqual(['Allocated', 'In Store', 'In Store', 'In Store', 'In Store', 'In Store']);

    const csv = await runCli(['export', 'assets', '--format', 'csv'], env);
    expect(csv.code).toBe(0);
    const [header = '', ...lines] = csv.stdout.split('\r\n').filter((l) => l !== '');
    const columns = header.split(',');
    expect(columns).toEqual(expect.arrayContaining(CONTRACT_ASSET_KEYS));
    expect(lines).toHaveLength(6);
    const serialColumn = columns.indexOf('serialNumber');
    expect(lines.map((l) => l.split(',')[serialColumn]).sort()).toEqual(register.map((a) => a.serialNumber).sort());
  });

  test('sync --dry-run --json writes nothing and returns create / update old → new / unchanged / skip / retire', async () => {
    await tenant.setScenario({
      users: v1.users ?? [],
      devices: [
        laptop(1, { userPrincipalName: 'alice.smith@contoso.example', osVersion: '10.0.26100.1', lastSyncDateTime: LATER }),
        ...laptops(2, 5),
        laptop(7, { managedDeviceOwnerType: 'personal' }),
        laptop(8),
      ],
    });
    const before = await snapshotCounts(db.store);
    const result = await runCli(['sync', 'Cli', '--dry-run', '--json'], env);
    expect(result.code).toBe(0);
    const preview = parseReport(result.stdout);
    // The run history records that a preview ran (is_dry_run, without its diff); the register itself is untouched.
    expect(await snapshotCounts(db.store)).toEqual({ ...before, runs: Number(before['runs']) + 1 });
    const run = await db.store.db.selectFrom('runs').select(['is_dry_run', 'status']).where('id', '=', preview.runId).executeTakeFirstOrThrow();
    expect({ isDryRun: Boolean(run.is_dry_run), status: run.status }).toEqual({ isDryRun: true, status: 'succeeded' });
    expect(preview).toMatchObject({ dryRun: true, status: 'succeeded', counts: { fetched: 7, created: 1, updated: 1, unchanged: 4, retired: 0, missing: 1, skipped: { personal_device: 1 } } });
    const byDevice = new Map((preview.diff ?? []).map((d: DeviceDiff) => [d.deviceId, d]));
    expect(byDevice.get(deviceId(8))).toMatchObject({ action: 'create', changes: expect.arrayContaining([{ field: 'serialNumber', old: null, new: 'SN000008X' }]) });
    expect(byDevice.get(deviceId(1))).toMatchObject({ action: 'update', changes: [
      { field: 'osVersion', old: '10.0.22631.3447', new: '10.0.26100.1' },
      { field: 'lastSeenInSourceAt', old: new Date(RECENT).toISOString(), new: new Date(LATER).toISOString() },
    ] });
    expect(byDevice.get(deviceId(7))).toMatchObject({ action: 'skip', reason: 'personal_device' });
    for (const n of [2, 3, 4, 5]) expect(byDevice.get(deviceId(n))).toMatchObject({ action: 'unchanged' });
    const retire = (preview.diff ?? []).filter((d) => d.action === 'retire');
    expect(retire).toHaveLength(1);
    expect(retire[0]?.deviceId).toBe(deviceId(6));

    // The real run then does what the preview said.
    const applied = parseReport((await runCli(['sync', 'Cli', '--json'], env)).stdout);
    expect(applied.counts).toEqual(preview.counts);
  });

  test('a run that cannot read the tenant prints a failed report and exits 1', async () => {
    // why: an app without the Intune permission is the quickest way to a fetch that fails for good (403, no retries).
    const denied = await startEmulator({ devices: 5, log: () => undefined, permissions: [] });
    try {
      const file = join(dir, 'denied.json');
      writeFileSync(file, JSON.stringify(connectionDocument(denied, 'Denied')));
      expect((await runCli(['connection', 'add', '--file', file], env)).code).toBe(0);
      const result = await runCli(['sync', 'Denied', '--json'], env);
      expect(result.code).toBe(1);
      const report = parseReport(result.stdout);
      expect(report).toMatchObject({ status: 'failed', fetchComplete: false, counts: { retired: 0 }, notices: [expect.stringMatching(/Nothing was retired/)] });
    } finally {
      await denied.close();
    }
  });

  test('connection add refuses a malformed file naming each field, and changes nothing', async () => {
    const before = await snapshotCounts(db.store);
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({
      ...connectionDocument(tenant.emulator, 'Bad'),
      clientId: 'not-a-guid',
      filters: { corporateOnly: true, colour: 'red' },
      mapping: { fields: { model: { expression: 'UPPER(Modle' } } },
    }));
    const result = await runCli(['connection', 'add', '--file', file], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error \[input_invalid\]/);
    expect(result.stderr).toMatch(/clientId: clientId must be a GUID/);
    expect(result.stderr).toMatch(/filters\.colour: unknown key/);
    expect(await snapshotCounts(db.store)).toEqual(before);

    writeFileSync(file, JSON.stringify({ ...connectionDocument(tenant.emulator, 'Bad'), mapping: { fields: { model: { expression: 'UPPER(Modle)' } } }, filters: { condition: "DeviceName LIKE 'A%' AND" } }));
    const broken = await runCli(['connection', 'add', '--file', file], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/mapping\.fields\.model\.expression: unknown_field .*'Modle'/);
    expect(broken.stderr).toMatch(/filters\.condition: /);
    expect(await snapshotCounts(db.store)).toEqual(before);
  });
});
