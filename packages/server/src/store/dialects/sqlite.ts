import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, SqliteAdapter, SqliteDriver, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import type { DatabaseConnection, Dialect } from 'kysely';
import type { StoreCapabilities } from './capabilities.js';

export const SQLITE_CAPABILITIES: StoreCapabilities = {
  skipLocked: false,
  advisoryLocks: false,
  returning: true,
  // SQLITE_MAX_VARIABLE_NUMBER since SQLite 3.32.
  maxBindParameters: 32_766,
  bulkRowsPerStatement: 64,
  analyzeAfterBulkInserts: false,
};

/** `sqlite:./data/x.db`, `sqlite:/abs/x.db`, `sqlite:///abs/x.db` or `sqlite::memory:` → a file path or `:memory:`. */
export function sqlitePath(databaseUrl: string): string {
  const rest = databaseUrl.slice('sqlite:'.length);
  if (rest === ':memory:') return ':memory:';
  const path = rest.startsWith('//') ? rest.slice(2) : rest;
  if (path === '') throw new Error('DATABASE_URL "sqlite:" names no file: use e.g. sqlite:./data/intune-assets.db');
  return resolve(path);
}

/** The writer's own checkpoint interval when no background worker checkpoints for it. */
export const WRITER_AUTOCHECKPOINT_PAGES = 16_384;

/**
 * Transactions take the write lock when they begin. A sync writes from its own connection (a worker thread) while
 * the API writes from this one; a deferred transaction that read first and then wrote would fail at once with
 * SQLITE_BUSY when the other connection committed in between, where an immediate one waits its turn (busy_timeout).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

function immediateDialect(database: SqliteDatabase.Database): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new ImmediateSqliteDriver({ database }),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}

export function createSqliteDialect(databaseUrl: string): { readonly dialect: Dialect; readonly database: SqliteDatabase.Database } {
  const path = sqlitePath(databaseUrl);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SqliteDatabase(path);
  // WAL lets readers (API) run while a sync writes; NORMAL is durable across app crashes in WAL mode.
  if (path !== ':memory:') database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  // A first sync inserts into indexes with random keys (serials, GUIDs): with the default 2 MB cache every batch
  // re-reads index pages. 16 MB holds the random-key lookup indexes of ~100,000 assets; a 64 MB cache was no faster
  // (100,000 creates in batches of 50: 11.2 vs 12.0 CPU-seconds, mean of 5-7 runs) and cost ~48 MB of RSS at 100k.
  database.pragma('cache_size = -16384');
  database.pragma('temp_store = MEMORY');
  // Checkpoints are where WAL mode fsyncs; at the default 1000 pages a bulk sync checkpointed after nearly every
  // batch. 16,384 pages (64 MB) cut a 100,000-asset first sync by a third; the WAL is truncated back afterwards.
  // Processes that sync hand checkpoints to a worker thread instead (sqlite-checkpointer.ts).
  database.pragma(`wal_autocheckpoint = ${String(WRITER_AUTOCHECKPOINT_PAGES)}`);
  database.pragma('journal_size_limit = 67108864');
  return { dialect: immediateDialect(database), database };
}
