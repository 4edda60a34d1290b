import { describe, expect, test } from 'vitest';
import type { FaultSpec } from '../emulator/index.js';
import { DIALECTS, useTestStore } from '../store/testing/open-test-store.js';
import type { ProgressEvent } from '../sync/ports.js';
import { laptop, laptops, person } from './testing/scenario.js';
import type { Scenario } from './testing/scenario.js';
import { connectionDocument, registerOf, syncHarness, useScenarioTenants, writeMarks } from './testing/sync-harness.js';
import type { RegisterAsset } from './testing/sync-harness.js';

// why: the production retry table and client, with waits in milliseconds instead of seconds so a fault test
// takes well under a second; a server's Retry-After is still honoured as sent.
const FAST_RETRIES = { baseDelayMs: 10, maxBackoffMs: 40 };
const withoutTag = (assets: readonly RegisterAsset[]): Array<Omit<RegisterAsset, 'assetTag'>> => assets.map(({ assetTag: _tag, ...rest }) => rest);

const fleet: Scenario = {
  users: [person('alice.smith'), person('carol.jones')],
  devices: [
    ...laptops(1, 40),
    laptop(41, { userPrincipalName: 'alice.smith@contoso.example' }),
    laptop(42, { userPrincipalName: 'carol.jones@contoso.example', operatingSystem: 'iOS', manufacturer: 'Apple', model: 'iPhone 15' }),
    laptop(43, { managedDeviceOwnerType: 'personal' }),
  ],
};

// Reliability of one run (SPEC §4.1, §4.8, §6): a fetch that breaks retires nothing, one run per connection,
// Graph faults mid-run are retried to the same register as a clean run.
describe.each(DIALECTS)('sync reliability on %s', (dialect) => {
  const store = useTestStore(dialect, 'sync reliability');
  const tenant = useScenarioTenants();

  test('a fetch that fails for good from page 3 retires nothing and the run is failed', async () => {
    const t = await tenant(fleet, { pageSize: 10 });
    const h = syncHarness(store(), { retryPolicy: FAST_RETRIES });
    await h.add(connectionDocument(t.emulator, 'Halfway', { lifecycle: { deletedStatus: 'retired' }, retireSafetyPercent: 100 }));
    await h.run('Halfway');
    const before = await registerOf(store(), 'Halfway');
    t.emulator.faults.add({ kind: 'unavailable', route: 'managedDevices', onPage: 3, count: Infinity });
    const report = await h.run('Halfway');
    expect(report).toMatchObject({
      status: 'failed',
      fetchComplete: false,
      counts: { fetched: 20, retired: 0, created: 0 },
      notices: [expect.stringMatching(/before it had seen the whole tenant \(20 devices read\).*Nothing was retired/)],
    });
    expect(await registerOf(store(), 'Halfway')).toEqual(before);
    const run = await store().db.selectFrom('runs').select('status').where('id', '=', report.runId).executeTakeFirstOrThrow();
    expect(run.status).toBe('failed');
  });

  test('two runs of one connection at once: the second is refused with run_already_active', async () => {
    const t = await tenant(fleet, { pageSize: 5, latencyMs: 40 });
    const h = syncHarness(store());
    await h.add(connectionDocument(t.emulator, 'Twice'));
    let fetching: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      fetching = resolve;
    });
    const first = h.run('Twice', { onProgress: (event: ProgressEvent) => event.stage === 'fetch' && fetching() });
    await started;
    await expect(h.run('Twice')).rejects.toMatchObject({ code: 'run_already_active', message: expect.stringMatching(/Another run of "Twice" is in progress/) });
    const report = await first;
    expect(report).toMatchObject({ status: 'succeeded', counts: { fetched: 43, created: 42 } });
    const again = await h.run('Twice');
    expect(again.counts).toMatchObject({ unchanged: 42 });
  });

  test('429 with Retry-After, 503, reset, malformed page, token expiry: the run succeeds with the register of a clean run', async () => {
    const t = await tenant(fleet, { pageSize: 8 });
    const h = syncHarness(store(), { retryPolicy: FAST_RETRIES });
    const settings = { mapping: { fields: { memoryGb: { expression: 'PhysicalMemoryBytes / 1073741824.0' } } } };
    await h.add(connectionDocument(t.emulator, 'Clean', settings));
    await h.add(connectionDocument(t.emulator, 'Faulty', settings));
    const clean = await h.run('Clean');
    expect(clean.status).toBe('succeeded');
    const faults: FaultSpec[] = [
      { kind: 'throttle', route: 'managedDevices', onPage: 2, retryAfterSec: 0.25 },
      { kind: 'throttle', route: 'users', count: 1 },
      { kind: 'unavailable', route: 'managedDevices', onPage: 3, count: 2 },
      { kind: 'reset', route: 'managedDevices', onPage: 4 },
      { kind: 'malformed', route: 'managedDevices', onPage: 5 },
      { kind: 'gateway-timeout', route: 'batch', count: 1 },
      { kind: 'token-expiry', route: 'managedDevices', onPage: 6 },
    ];
    for (const fault of faults) t.emulator.faults.add(fault);
    const requestsBefore = t.emulator.stats().requests;
    const faulty = await h.run('Faulty');
    expect(faulty).toMatchObject({ status: 'succeeded', fetchComplete: true, errors: [], notices: [] });
    expect(faulty.counts).toEqual(clean.counts);
    expect(t.emulator.stats().requests - requestsBefore).toBeGreaterThan(clean.graph.requests + faults.length - 1);
    expect(t.emulator.stats().tokensIssued).toBeGreaterThanOrEqual(3);
    expect(withoutTag(await registerOf(store(), 'Faulty'))).toEqual(withoutTag(await registerOf(store(), 'Clean')));
    const marks = await writeMarks(store());
    const unchanged = await h.run('Faulty');
    expect(unchanged.counts).toMatchObject({ unchanged: clean.counts.synced, updated: 0, created: 0 });
    expect(await writeMarks(store())).toEqual(marks);
  });
});
