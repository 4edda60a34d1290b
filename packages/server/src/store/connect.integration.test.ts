import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { openStore } from './connect.js';

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
