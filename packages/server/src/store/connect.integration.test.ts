import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { openStore } from './connect.js';
import { useTestStore } from './testing/open-test-store.js';

describe('openStore on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'intune-assets-connect-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('creates the parent directory and opens the file in WAL mode with foreign keys on', async () => {
    const file = join(dir, 'nested', 'deeper', 'register.db');
    const store = await openStore(`sqlite:${file}`);
    try {
      expect(existsSync(file)).toBe(true);
      expect(store.dialect).toBe('sqlite');
      expect(store.capabilities).toMatchObject({ skipLocked: false, returning: true });
      const pragma = async (name: string): Promise<unknown> => Object.values((await sql.raw(`pragma ${name}`).execute(store.db)).rows[0] ?? {})[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('synchronous')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(5000);
      expect(await pragma('cache_size')).toBe(-16384);
    } finally {
      await store.close();
    }
  });

  test('reopening an existing file migrates nothing and keeps the data', async () => {
    const url = `sqlite:${join(dir, 'reopen.db')}`;
    const first = await openStore(url);
    const department = await first.repos.reference.getDefaultDepartment();
    await first.close();
    const second = await openStore(url);
    try {
      expect(await second.repos.reference.listDepartments()).toEqual([department]);
    } finally {
      await second.close();
    }
  });

  test('can skip migrations', async () => {
    const store = await openStore('sqlite::memory:', { shouldMigrate: false });
    try {
      await expect(store.repos.reference.listStatuses()).rejects.toThrow(/no such table/);
    } finally {
      await store.close();
    }
  });
});

describe('openStore on PostgreSQL', () => {
  const store = useTestStore('postgres', 'connect settings');

  test('every pooled connection plans with random_page_cost 1.1, so per-page sync lookups use the indexes', async () => {
    // Several at once, so the pool opens several connections and each must carry the setting.
    const shown = await Promise.all(
      [1, 2, 3, 4].map(async () => {
        const { rows } = await sql<{ random_page_cost: string; pid: number }>`select current_setting('random_page_cost') as random_page_cost, pg_backend_pid() as pid, pg_sleep(0.05)`.execute(store().db);
        return rows[0];
      }),
    );
    expect(new Set(shown.map((r) => r?.pid)).size).toBeGreaterThan(1);
    expect(shown.map((r) => r?.random_page_cost)).toEqual(['1.1', '1.1', '1.1', '1.1']);
  });
});
