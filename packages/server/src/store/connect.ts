import { Kysely } from 'kysely';
import type { Dialect, MigrationResultSet } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import type { Database } from './database.js';
import type { StoreCapabilities } from './dialects/capabilities.js';
import { createKyselyBulkSql, createSqliteBulkSql } from './dialects/bulk-sql.js';
import type { BulkSql } from './dialects/bulk-sql.js';
import { POSTGRES_CAPABILITIES, createPostgresDialect } from './dialects/postgres.js';
import { SQLITE_CAPABILITIES, WRITER_AUTOCHECKPOINT_PAGES, createSqliteDialect, sqlitePath } from './dialects/sqlite.js';
import { startBackgroundCheckpoints } from './dialects/sqlite-checkpointer.js';
import type { BackgroundCheckpoints } from './dialects/sqlite-checkpointer.js';
import type { WriterThread } from './dialects/writer-thread.js';
import { migrateToLatest } from './migrations/migrate-to-latest.js';
import { createRepos } from './repos/repos.js';
import type { Repos } from './repos/repos.js';
import { startRegisterWriter } from './sync/register-writer.js';

export type { StoreCapabilities } from './dialects/capabilities.js';
export type { Repos } from './repos/repos.js';
export type { BulkSql, SqlValue } from './dialects/bulk-sql.js';

export type StoreDialect = 'sqlite' | 'postgres';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  readonly capabilities: StoreCapabilities;
  readonly repos: Repos;
  /** Runs `fn` with repos bound to one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
  /** Like `transaction`, plus raw bulk SQL and the Kysely handle bound to the same transaction (hot write paths). */
  bulkTransaction<T>(fn: (tx: BulkTransaction) => Promise<T>): Promise<T>;
  /**
   * SQLite file opened with `offThreadWrites`: the worker thread the sync's register writes run on, in order, on a
   * second connection. Null on PostgreSQL (its writes already run in the server), in memory, and when not asked for.
   */
  readonly writer: WriterThread | null;
  /** Raw bulk SQL on one connection outside a transaction (on SQLite: while no transaction is open, so no dirty reads). */
  bulkRead<T>(fn: (sql: BulkSql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface BulkTransaction {
  readonly db: Kysely<Database>;
  readonly repos: Repos;
  readonly sql: BulkSql;
}

export interface OpenStoreOptions {
  /** Default true: apply pending migrations before returning. */
  readonly shouldMigrate?: boolean;
  /** PostgreSQL pool size (default 10). */
  readonly poolSize?: number;
  /** The clock behind every timestamp the store writes; tests pass a fake one. */
  readonly now?: () => Date;
  /** SQLite file only: checkpoint the WAL from a worker thread (`serve`, `demo`: the API must not stall during a sync). */
  readonly backgroundCheckpoints?: boolean;
  /** SQLite file only: run the sync's register writes on a worker thread with its own connection (`writer`). */
  readonly offThreadWrites?: boolean;
}

export class StoreMigrationError extends Error {
  constructor(readonly result: MigrationResultSet) {
    const failed = result.results?.find((r) => r.status === 'Error');
    super(`database migration ${failed?.migrationName ?? '(before any migration ran)'} failed`, { cause: result.error });
  }
}

export function dialectOf(databaseUrl: string): StoreDialect {
  if (databaseUrl.startsWith('sqlite:')) return 'sqlite';
  if (databaseUrl.startsWith('postgres://') || databaseUrl.startsWith('postgresql://')) return 'postgres';
  // Name only the scheme: the rest of a URL may hold a password.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(databaseUrl)?.[1];
  throw new Error(
    `DATABASE_URL ${scheme ? `has the unsupported scheme "${scheme}:"` : 'has no URL scheme'}; ` +
      'use sqlite:<path> (e.g. sqlite:./data/intune-assets.db, or sqlite::memory:) or postgres://user:password@host:5432/database',
  );
}

export async function openStore(databaseUrl: string, options: OpenStoreOptions = {}): Promise<Store> {
  const dialect = dialectOf(databaseUrl);
  let driver: Dialect;
  let bulkSqlFor: (trx: Kysely<Database>) => BulkSql;
  let sqliteDatabase: SqliteDatabase.Database | null = null;
  if (dialect === 'sqlite') {
    const sqlite = createSqliteDialect(databaseUrl);
    const native = createSqliteBulkSql(sqlite.database);
    driver = sqlite.dialect;
    bulkSqlFor = () => native;
    sqliteDatabase = sqlite.database;
  } else {
    driver = createPostgresDialect(databaseUrl, options.poolSize === undefined ? {} : { poolSize: options.poolSize });
    bulkSqlFor = createKyselyBulkSql;
  }
  const capabilities = dialect === 'sqlite' ? SQLITE_CAPABILITIES : POSTGRES_CAPABILITIES;
  const db = new Kysely<Database>({ dialect: driver });
  try {
    if (options.shouldMigrate ?? true) {
      const result = await migrateToLatest(db);
      if (result.error !== undefined) throw new StoreMigrationError(result);
    }
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const path = dialect === 'sqlite' ? sqlitePath(databaseUrl) : ':memory:';
  const connection = sqliteDatabase;
  const isFile = path !== ':memory:' && connection !== null;
  let writer: WriterThread | null = null;
  const checkpoints: BackgroundCheckpoints | null =
    options.backgroundCheckpoints === true && isFile
      ? startBackgroundCheckpoints(path, {
          onFailure: () => {
            connection?.pragma(`wal_autocheckpoint = ${String(WRITER_AUTOCHECKPOINT_PAGES)}`);
            writer?.setAutocheckpoint(WRITER_AUTOCHECKPOINT_PAGES);
          },
        })
      : null;
  // The worker checkpoints from now on; should it die, onFailure hands the job back to the writers.
  if (checkpoints !== null) connection?.pragma('wal_autocheckpoint = 0');
  if (options.offThreadWrites === true && isFile) {
    writer = startRegisterWriter({ databaseUrl, walAutocheckpointPages: checkpoints === null ? WRITER_AUTOCHECKPOINT_PAGES : 0 }, { beforeWrite: checkpoints?.beforeWrite });
  }
  const store = createStore({ db, dialect, capabilities, now: options.now ?? (() => new Date()), bulkSqlFor, beforeBulkWrite: checkpoints?.beforeWrite, writer });
  if (checkpoints === null && writer === null) return store;
  const running = { checkpoints, writer };
  return {
    ...store,
    close: async () => {
      // The writer finishes what it was asked for before the checkpoints stop and the connection closes.
      await running.writer?.stop();
      await running.checkpoints?.stop();
      await store.close();
    },
  };
}

function createStore(input: {
  db: Kysely<Database>;
  dialect: StoreDialect;
  capabilities: StoreCapabilities;
  now: () => Date;
  bulkSqlFor: (trx: Kysely<Database>) => BulkSql;
  /** Awaited before each bulk write transaction (SQLite: the WAL may be waiting for a checkpoint to catch up). */
  beforeBulkWrite?: (() => Promise<void>) | undefined;
  writer?: WriterThread | null;
}): Store {
  const { db, dialect, capabilities, now, bulkSqlFor, beforeBulkWrite } = input;
  const reposFor = (handle: Kysely<Database>): Repos =>
    createRepos({ db: handle, maxBindParameters: capabilities.maxBindParameters, now });
  return {
    db,
    dialect,
    capabilities,
    repos: reposFor(db),
    writer: input.writer ?? null,
    transaction: (fn) => db.transaction().execute((trx) => fn(reposFor(trx))),
    bulkTransaction: async (fn) => {
      await beforeBulkWrite?.();
      return db.transaction().execute((trx) => fn({ db: trx, repos: reposFor(trx), sql: bulkSqlFor(trx) }));
    },
    bulkRead: (fn) => db.connection().execute((connection) => fn(bulkSqlFor(connection))),
    close: () => db.destroy(),
  };
}
