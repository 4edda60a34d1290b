import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../connect.js';
import { startBackgroundCheckpoints } from './sqlite-checkpointer.js';

const MIB = 1024 * 1024;

describe('background WAL checkpoints (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ia-checkpoint-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies committed pages into the database file from the worker while the writer never checkpoints', async () => {
    const path = join(dir, 'x.db');
    const store = await openStore(`sqlite:${path}`, { backgroundCheckpoints: true });
    const setting = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(store.db);
    expect(setting.rows[0]?.wal_autocheckpoint).toBe(0);
    await sql`create table filler (x blob)`.execute(store.db);
    const before = statSync(path).size;
    for (let i = 0; i < 20; i++) await sql`insert into filler values (randomblob(262144))`.execute(store.db);
    const deadline = Date.now() + 10_000;
    while (statSync(path).size < before + 4 * MIB && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(statSync(path).size).toBeGreaterThan(before + 4 * MIB);
    const rows = await sql<{ n: number }>`select count(*) as n from filler`.execute(store.db);
    expect(rows.rows[0]?.n).toBe(20);
    await store.close();
  });

  it('holds a writer that commits without pause at the limit until a pass caught up, so the WAL starts over', async () => {
    const path = join(dir, 'bounded.db');
    const writer = new SqliteDatabase(path);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('create table filler (x blob)');
    const insert = writer.prepare('insert into filler values (randomblob(262144))');
    // 256 frames of 4 KiB: four of the 256 KiB rows below.
    const checkpoints = startBackgroundCheckpoints(path, { limitFrames: 256, busyIntervalMs: 5, idleIntervalMs: 5 });
    try {
      // The worker loads better-sqlite3 first; before its first report the writer has no reason to wait.
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (let i = 0; i < 120; i++) {
        // The worker's reports arrive between macrotasks, as they do between a sync's write batches.
        await new Promise((resolve) => setImmediate(resolve));
        await checkpoints.beforeWrite();
        insert.run();
      }
      // 30 MiB went through the WAL; restarts keep reusing its first few MiB.
      expect(statSync(`${path}-wal`).size).toBeLessThan(8 * MIB);
      expect(writer.prepare('select count(*) as n from filler').get()).toEqual({ n: 120 });
    } finally {
      await checkpoints.stop();
      writer.close();
    }
  });

  it('hands checkpoints back to the writer when the worker cannot run', async () => {
    const path = join(dir, 'not-a-database.db');
    writeFileSync(path, 'this is not an SQLite file, so the worker fails to open it'.repeat(100));
    let onFailure: (error: Error) => void = () => undefined;
    const failure = new Promise<Error>((resolve) => (onFailure = resolve));
    const checkpoints = startBackgroundCheckpoints(path, { idleIntervalMs: 5, onFailure });
    const error = await failure;
    await checkpoints.stop();
    expect(error.message).toMatch(/checkpoint worker stopped: SQLITE_NOTADB/);
  });
});
