import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../connect.js';
import type { Store } from '../connect.js';
import { intuneFields, seedConnectionRun } from '../testing/sync-fixtures.js';
import type { SyncFixture } from '../testing/sync-fixtures.js';
import { WRITE_BATCH_OP, prepareBatch } from './batch-writer.js';
import { createRegisterStore } from './register-store.js';
import { startRegisterWriter } from './register-writer.js';

describe('the register writer thread (SQLite, offThreadWrites)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ia-writer-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const createOne = (store: Store, fx: SyncFixture, deviceId: string) =>
    createRegisterStore(store, { departmentId: fx.departmentId, dryRun: false }).writeBatch({
      runId: fx.runId,
      connectionId: fx.connectionId,
      actor: 'Intune integration',
      batch: { creates: [{ deviceId, fields: intuneFields({ intuneDeviceId: deviceId, serialNumber: `SN-${deviceId}` }) }], updates: [], outcomes: [] },
    });

  it('writes asked for without waiting land in order, are read back on the main connection, and finish before close', async () => {
    const store = await openStore(`sqlite:${join(dir, 'order.db')}`, { offThreadWrites: true, backgroundCheckpoints: true });
    const fx = await seedConnectionRun(store, 'Order');
    const asked = Array.from({ length: 40 }, (_, i) => createOne(store, fx, `dev-${String(i).padStart(2, '0')}`));
    const results = await Promise.all(asked.slice(0, 20));
    const tags = await Promise.all(results.map(async (r) => (await store.repos.assets.get([...r.created.values()][0] ?? ''))?.assetTag));
    // Tags are reserved inside each transaction: in the order asked for, the order they ran in.
    expect(tags).toEqual([...tags].sort());
    await store.close();
    const reopened = await openStore(`sqlite:${join(dir, 'order.db')}`);
    expect((await reopened.repos.assets.list({ departmentId: fx.departmentId, limit: 100 })).items).toHaveLength(40);
    await reopened.close();
  });

  it('a transaction of the main connection that reads, then writes while the writer commits, waits its turn instead of failing busy', async () => {
    const store = await openStore(`sqlite:${join(dir, 'immediate.db')}`, { offThreadWrites: true });
    const fx = await seedConnectionRun(store, 'Immediate');
    await createOne(store, fx, 'dev-warm-up');
    let writerWrite: Promise<unknown> = Promise.resolve();
    await store.transaction(async (repos) => {
      await repos.reference.getDefaultDepartment();
      writerWrite = createOne(store, fx, 'dev-during');
      // Time enough for the writer to commit, were it not waiting for this transaction.
      await new Promise((resolve) => setTimeout(resolve, 150));
      await repos.reference.getOrCreateCondition('Refurbished');
    });
    await writerWrite;
    expect((await store.repos.assets.findManyBy('intuneDeviceId', ['dev-during'], { departmentId: fx.departmentId }))).toHaveLength(1);
    await store.close();
  });

  it('posts nothing while the WAL waits for a checkpoint to catch up (beforeWrite), then the writes land in order', async () => {
    const databaseUrl = `sqlite:${join(dir, 'held.db')}`;
    const store = await openStore(databaseUrl);
    const fx = await seedConnectionRun(store, 'Held');
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const writer = startRegisterWriter({ databaseUrl, walAutocheckpointPages: 0 }, { beforeWrite: () => gate });
    const batch = (deviceId: string) =>
      prepareBatch({ departmentId: fx.departmentId, now: () => new Date() }, { runId: fx.runId, connectionId: fx.connectionId, actor: 'Intune integration', batch: { creates: [{ deviceId, fields: intuneFields({ intuneDeviceId: deviceId }) }], updates: [], outcomes: [] } });
    const landed = [writer.call(WRITE_BATCH_OP, batch('dev-held-1')), writer.call(WRITE_BATCH_OP, batch('dev-held-2'))];
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await store.repos.assets.findManyBy('intuneDeviceId', ['dev-held-1', 'dev-held-2'], { departmentId: fx.departmentId })).toEqual([]);
    release();
    await Promise.all(landed);
    const assets = await store.repos.assets.findManyBy('intuneDeviceId', ['dev-held-1', 'dev-held-2'], { departmentId: fx.departmentId });
    expect(assets.sort((a, b) => a.assetTag.localeCompare(b.assetTag)).map((a) => a.intuneDeviceId)).toEqual(['dev-held-1', 'dev-held-2']);
    await writer.stop();
    await store.close();
  });

  it('a writer that cannot open the database fails every write with the reason, and later runs write on the main connection', async () => {
    const notAFile = join(dir, 'a-directory.db');
    mkdirSync(notAFile);
    const broken = startRegisterWriter({ databaseUrl: `sqlite:${notAFile}`, walAutocheckpointPages: 0 }, {});
    await expect(broken.call('writeBatch', {})).rejects.toThrow(/register writer thread stopped \(.+\)/);
    expect(broken.isRunning).toBe(false);
    await broken.stop();

    const store = await openStore(`sqlite:${join(dir, 'fallback.db')}`, { offThreadWrites: true });
    const fx = await seedConnectionRun(store, 'Fallback');
    await store.writer?.stop();
    expect(store.writer?.isRunning).toBe(false);
    const { created } = await createOne(store, fx, 'dev-after');
    expect(await store.repos.assets.get([...created.values()][0] ?? '')).toMatchObject({ intuneDeviceId: 'dev-after' });
    await store.close();
  });
});
