import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import type { StoreCapabilities } from './capabilities.js';

export const SQLITE_CAPABILITIES: StoreCapabilities = {
  skipLocked: false,
  advisoryLocks: false,
  returning: true,
  // SQLITE_MAX_VARIABLE_NUMBER since SQLite 3.32.
  maxBindParameters: 32_766,
};

/** `sqlite:./data/x.db`, `sqlite:/abs/x.db`, `sqlite:///abs/x.db` or `sqlite::memory:` → a file path or `:memory:`. */
export function sqlitePath(databaseUrl: string): string {
  const rest = databaseUrl.slice('sqlite:'.length);
  if (rest === ':memory:') return ':memory:';
  const path = rest.startsWith('//') ? rest.slice(2) : rest;
  if (path === '') throw new Error('DATABASE_URL "sqlite:" names no file: use e.g. sqlite:./data/intune-assets.db');
  return resolve(path);
}

export function createSqliteDialect(databaseUrl: string): SqliteDialect {
  const path = sqlitePath(databaseUrl);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SqliteDatabase(path);
  // WAL lets readers (API) run while a sync writes; NORMAL is durable across app crashes in WAL mode.
  if (path !== ':memory:') database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  return new SqliteDialect({ database });
}
