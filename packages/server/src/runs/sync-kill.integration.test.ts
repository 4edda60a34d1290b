import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator } from '../emulator/index.js';
import type { RunningEmulator } from '../emulator/index.js';
import type { Store } from '../store/connect.js';
import { DIALECTS, openTestStore } from '../store/testing/open-test-store.js';
import type { TestStore } from '../store/testing/open-test-store.js';
import { runCli, spawnCli } from './testing/cli.js';
import { connectionDocument, registerOf, syncHarness } from './testing/sync-harness.js';
import type { RegisterAsset } from './testing/sync-harness.js';

const FLEET = 20_000;

async function count(store: Store, table: 'fixed_assets' | 'runs'): Promise<number> {
  const row = await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Starts `sync` in its own process and SIGKILLs it once `when` holds; resolves with how it ended. */
async function killWhen(env: Record<string, string>, when: () => Promise<boolean>): Promise<{ signal: NodeJS.Signals | null; code: number | null }> {
  const child = spawnCli(['sync', 'Kill', '--json'], env);
  const exited = new Promise<{ signal: NodeJS.Signals | null; code: number | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let isDone = false;
  void exited.then(() => {
    isDone = true;
  });
  while (!isDone) {
    if (await when()) {
      child.kill('SIGKILL');
      break;
    }
    await sleep(10);
  }
  return exited;
}

const comparable = (assets: readonly RegisterAsset[]): Array<Omit<RegisterAsset, 'assetTag'>> => assets.map(({ assetTag: _tag, ...rest }) => rest);

// A run killed with SIGKILL mid-way (SPEC §4: a run never writes half a device) and run again converges to the
// register of an uninterrupted run: no duplicate, no lost asset, the dead run's lock taken over.
describe.each(DIALECTS)('a sync killed mid-run on %s', (dialect) => {
  let emulator: RunningEmulator;
  let db: TestStore;
  let reference: TestStore;
  let env: Record<string, string>;

  beforeAll(async () => {
    // Four processes and two full syncs of a 20,000-device tenant: the size is the point of this test.
    emulator = await startEmulator({ devices: FLEET, seed: 5, log: () => undefined });
    db = await openTestStore(dialect, 'sync kill');
    reference = await openTestStore(dialect, 'sync kill reference');
    const dir = mkdtempSync(join(tmpdir(), 'ia-sync-kill-'));
    env = { INTUNE_ASSETS_DATA_DIR: join(dir, 'data'), DATABASE_URL: db.databaseUrl };
    const file = join(dir, 'conn.json');
    writeFileSync(file, JSON.stringify(connectionDocument(emulator, 'Kill')));
    expect((await runCli(['connection', 'add', '--file', file], env)).code).toBe(0);
  });
  afterAll(async () => {
    await emulator.close();
    await db.cleanup();
    await reference.cleanup();
  });

  test(`killed early and during writes of ${FLEET} devices, then run again: the register of an uninterrupted run`, async () => {
    const early = await killWhen(env, async () => (await count(db.store, 'runs')) >= 1);
    expect(early.signal).toBe('SIGKILL');
    const duringWrites = await killWhen(env, async () => (await count(db.store, 'fixed_assets')) >= 8000);
    expect(duringWrites.signal).toBe('SIGKILL');
    const partial = await count(db.store, 'fixed_assets');
    expect(partial).toBeGreaterThanOrEqual(8000);

    const final = await runCli(['sync', 'Kill', '--json'], env);
    expect(final.code, final.stderr).toBe(0);
    const report = JSON.parse(final.stdout) as { status: string; counts: { created: number; unchanged: number; synced: number } };
    expect(report.status).not.toBe('failed');
    expect(report.counts.unchanged).toBeGreaterThan(0);

    const h = syncHarness(reference.store);
    await h.add(connectionDocument(emulator, 'Kill'));
    const uninterrupted = await h.run('Kill');
    expect(report.counts.synced).toBe(uninterrupted.counts.synced);

    const recovered = await registerOf(db.store, 'Kill');
    expect(recovered).toHaveLength(uninterrupted.counts.created);
    expect(comparable(recovered)).toEqual(comparable(await registerOf(reference.store, 'Kill')));
    expect(new Set(recovered.map((a) => a.intuneDeviceId)).size).toBe(recovered.length);
    const serialKeys = await db.store.db.selectFrom('fixed_assets').select('serial_key').where('serial_key', 'is not', null).execute();
    expect(new Set(serialKeys.map((r) => r.serial_key)).size).toBe(serialKeys.length);

    const runs = await db.store.db.selectFrom('runs').select(['status', 'error']).orderBy('queued_at').execute();
    expect(runs.map((r) => r.status)).toEqual(['failed', 'failed', report.status]);
    expect(runs[0]?.error).toMatch(/interrupted/);
    expect(await count(db.store, 'fixed_assets')).toBe(recovered.length);
    expect(await db.store.db.selectFrom('run_locks').selectAll().execute()).toEqual([]);
  }, 240_000);
});
