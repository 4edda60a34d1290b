import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../connect.js';

describe('background WAL checkpoints (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ia-checkpoint-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies committed pages into the database file from the worker while the writer never checkpoints', async () => {
    const path = join(dir, 'x.db');
    const store = await openStore(`sqlite:${path}`, { backgroundCheckpoints: true });
    // The writer's own checkpoints off: only the worker can move pages from the WAL into the file.
    await sql`pragma wal_autocheckpoint = 0`.execute(store.db);
    await sql`create table filler (x blob)`.execute(store.db);
    const before = statSync(path).size;
    for (let i = 0; i < 20; i++) await sql`insert into filler values (randomblob(262144))`.execute(store.db);
    const deadline = Date.now() + 10_000;
    while (statSync(path).size < before + 4 * 1024 * 1024 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(statSync(path).size).toBeGreaterThan(before + 4 * 1024 * 1024);
    const rows = await sql<{ n: number }>`select count(*) as n from filler`.execute(store.db);
    expect(rows.rows[0]?.n).toBe(20);
    await store.close();
  });
});
