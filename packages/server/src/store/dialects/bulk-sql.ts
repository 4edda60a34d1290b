import { CompiledQuery } from 'kysely';
import type { Kysely } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import type { Database } from '../database.js';

export type SqlValue = string | number | null;

/**
 * Raw parameterised SQL for the hot bulk paths (a sync writes 100,000 assets), bound to the caller's transaction.
 * Text uses `?` placeholders on both backends. Building these statements through Kysely's query builder cost more
 * than SQLite itself did, so the sync writer hands over finished text and flat parameter lists.
 */
export interface BulkSql {
  /** Runs a statement and returns the number of rows it changed. */
  run(text: string, params: readonly SqlValue[]): Promise<number>;
  all<R>(text: string, params: readonly SqlValue[]): Promise<R[]>;
  /** Rows as arrays in select-list order: materialising 50-column rows as objects cost SQLite more than the query. */
  values(text: string, params: readonly SqlValue[]): Promise<unknown[][]>;
}

const STATEMENT_CACHE_LIMIT = 256;

/**
 * SQLite through the better-sqlite3 handle behind Kysely's single connection, with prepared statements cached.
 * Only call it inside a Kysely transaction: that holds the connection's mutex, so nothing else interleaves, and
 * the statements run inside that transaction because the handle is the same.
 */
export function createSqliteBulkSql(database: SqliteDatabase.Database): BulkSql {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = (text: string, isRaw = false): SqliteDatabase.Statement => {
    const key = isRaw ? `raw\u0000${text}` : text;
    let statement = cache.get(key);
    if (statement === undefined) {
      if (cache.size >= STATEMENT_CACHE_LIMIT) cache.clear();
      statement = database.prepare(text);
      if (isRaw) statement.raw(true);
      cache.set(key, statement);
    }
    return statement;
  };
  return {
    run: (text, params) => Promise.resolve(prepare(text).run(...params).changes),
    all: <R>(text: string, params: readonly SqlValue[]) => Promise.resolve(prepare(text).all(...params) as R[]),
    values: (text, params) => Promise.resolve(prepare(text, true).all(...params) as unknown[][]),
  };
}

/** PostgreSQL through the transaction's Kysely handle: `?` becomes `$n` once per distinct text. */
export function createKyselyBulkSql(db: Kysely<Database>): BulkSql {
  const numbered = new Map<string, string>();
  const toDollar = (text: string): string => {
    let out = numbered.get(text);
    if (out === undefined) {
      let n = 0;
      out = text.replace(/\?/g, () => `$${String(++n)}`);
      if (numbered.size >= STATEMENT_CACHE_LIMIT) numbered.clear();
      numbered.set(text, out);
    }
    return out;
  };
  return {
    async run(text, params) {
      const result = await db.executeQuery(CompiledQuery.raw(toDollar(text), [...params]));
      return Number(result.numAffectedRows ?? 0n);
    },
    async all<R>(text: string, params: readonly SqlValue[]) {
      const result = await db.executeQuery<R>(CompiledQuery.raw(toDollar(text), [...params]));
      return result.rows;
    },
    async values(text, params) {
      // pg builds each row object in column order, so its values come out in select-list order.
      const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(toDollar(text), [...params]));
      return result.rows.map((row) => Object.values(row));
    },
  };
}

/**
 * `INSERT INTO table (columns) VALUES (…), (…)` in statements of at most `maxRowsPerStatement` rows, every one
 * under the bind-parameter limit. Fixed-size chunks keep the number of distinct statement texts small, so the
 * SQLite statement cache holds them (one text for full chunks, one for the remainder).
 */
export interface InsertRowsOptions {
  readonly table: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly SqlValue[])[];
  readonly maxBindParameters: number;
  readonly maxRowsPerStatement: number;
  /** Skip rows that violate a unique constraint (both backends: `on conflict do nothing`). */
  readonly skipConflicts?: boolean;
}

export async function insertRows(sql: BulkSql, options: InsertRowsOptions): Promise<void> {
  for (const { text, params } of insertStatements(options)) await sql.run(text, params);
}

/** Like `insertRows`, returning `returning` of each row inserted (a row skipped as a conflict returns nothing). */
export async function insertRowsReturning<R>(sql: BulkSql, options: InsertRowsOptions & { readonly returning: readonly string[] }): Promise<R[]> {
  const out: R[] = [];
  for (const { text, params } of insertStatements(options, ` returning ${options.returning.join(', ')}`)) out.push(...(await sql.all<R>(text, params)));
  return out;
}

function* insertStatements(options: InsertRowsOptions, returning = ''): Generator<{ text: string; params: SqlValue[] }> {
  const { table, columns, rows } = options;
  const perStatement = Math.max(1, Math.min(options.maxRowsPerStatement, Math.floor(options.maxBindParameters / columns.length)));
  const width = columns.length;
  for (let start = 0; start < rows.length; start += perStatement) {
    const end = Math.min(rows.length, start + perStatement);
    const params: SqlValue[] = new Array<SqlValue>((end - start) * width);
    let at = 0;
    for (let r = start; r < end; r += 1) {
      const row = rows[r] ?? [];
      if (row.length !== width) throw new Error(`insert into ${table}: a row has ${String(row.length)} values for ${String(width)} columns`);
      for (const value of row) params[at++] = value;
    }
    yield { text: insertText(table, columns, end - start, options.skipConflicts === true, returning), params };
  }
}

const insertTexts = new Map<string, string>();

/**
 * The statement text for `count` rows, built once: rebuilding a 3,000-placeholder string per chunk and hashing the
 * fresh string for the statement cache cost ~30 µs a chunk (~0.2 s of a 100,000-device first sync); this is ~4 µs.
 */
function insertText(table: string, columns: readonly string[], count: number, skipConflicts: boolean, returning: string): string {
  const key = `${table}\u0000${columns.join(',')}\u0000${String(count)}\u0000${String(skipConflicts)}\u0000${returning}`;
  let text = insertTexts.get(key);
  if (text === undefined) {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    text = `insert into ${table} (${columns.join(', ')}) values ${Array.from({ length: count }, () => tuple).join(', ')}${skipConflicts ? ' on conflict do nothing' : ''}${returning}`;
    if (insertTexts.size >= STATEMENT_CACHE_LIMIT) insertTexts.clear();
    insertTexts.set(key, text);
  }
  return text;
}
