import { Migrator, PostgresAdapter } from 'kysely';
import type { Kysely, Migration, MigrationProvider, MigrationResultSet } from 'kysely';
import { POSTGRES_COLUMN_TYPES, SQLITE_COLUMN_TYPES } from './column-types.js';
import type { ColumnTypes } from './column-types.js';
import * as m0001 from './0001-reference.js';
import * as m0002 from './0002-assets.js';
import * as m0003 from './0003-runs.js';
import * as m0004 from './0004-sync-speed.js';
import * as m0005 from './0005-match-indexes-on-demand.js';
import * as m0006 from './0006-user-indexes-on-demand.js';
import * as m0007 from './0007-accounts.js';
import * as m0008 from './0008-run-queue.js';
import * as m0009 from './0009-register-list-indexes.js';

type Up = (db: Kysely<any>, types: ColumnTypes) => Promise<void>;

const MIGRATIONS: readonly (readonly [string, Up])[] = [
  ['0001-reference', m0001.up],
  ['0002-assets', m0002.up],
  ['0003-runs', m0003.up],
  ['0004-sync-speed', m0004.up],
  ['0005-match-indexes-on-demand', m0005.up],
  ['0006-user-indexes-on-demand', m0006.up],
  ['0007-accounts', m0007.up],
  ['0008-run-queue', m0008.up],
  ['0009-register-list-indexes', m0009.up],
];

/** A static provider: the migration list is code, so it works the same under tsx, a bundle or a test runner. */
export class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly types: ColumnTypes) {}

  getMigrations(): Promise<Record<string, Migration>> {
    const entries = MIGRATIONS.map(([name, up]): [string, Migration] => [name, { up: (db) => up(db, this.types) }]);
    return Promise.resolve(Object.fromEntries(entries));
  }
}

/** Applies every pending migration; never throws, like Kysely's Migrator: inspect `error` and `results`. */
// why `any`: migrations run against whatever schema is there, not against the current Database interface.
export function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const types = db.getExecutor().adapter instanceof PostgresAdapter ? POSTGRES_COLUMN_TYPES : SQLITE_COLUMN_TYPES;
  return new Migrator({ db, provider: new StaticMigrationProvider(types) }).migrateToLatest();
}
