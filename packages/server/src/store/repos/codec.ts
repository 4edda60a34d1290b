import type { Kysely, Transaction } from 'kysely';
import type { JsonObject, JsonValue } from '../../domain/json.js';
import type { Database } from '../database.js';

/** What every repo needs: the (possibly transactional) db, the backend's limits, and the clock. */
export interface RepoContext {
  readonly db: Kysely<Database>;
  readonly maxBindParameters: number;
  readonly now: () => Date;
}

export function nowIso(ctx: RepoContext): string {
  return ctx.now().toISOString();
}

export function toBool(value: number | boolean): boolean {
  return value === true || value === 1;
}

export function fromBool(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}

/** SQLite hands back JSON columns as text, pg parses jsonb itself: accept both. */
export function parseJson(value: unknown, where: string): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as JsonValue;
    } catch (error) {
      throw new Error(`column ${where} holds text that is not JSON`, { cause: error });
    }
  }
  return value as JsonValue;
}

export function parseJsonObject(value: unknown, where: string): JsonObject {
  const parsed = parseJson(value, where);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`column ${where} should hold a JSON object, found ${Array.isArray(parsed) ? 'an array' : typeof parsed}`);
  }
  return parsed as JsonObject;
}

export function stringifyJson(value: JsonValue): string {
  return JSON.stringify(value);
}

/** pg returns int8 identities as strings. */
export function toInt(value: number | string): number {
  return typeof value === 'number' ? value : Number(value);
}

export function asMember<T extends string>(value: string, members: readonly T[], where: string): T {
  if ((members as readonly string[]).includes(value)) return value as T;
  throw new Error(`column ${where} holds ${JSON.stringify(value)}, expected one of ${members.join(', ')}`);
}

/** Rows per multi-row INSERT so one statement stays under the driver's bind-parameter limit. */
export function chunkRows<T>(rows: readonly T[], columnsPerRow: number, maxBindParameters: number): T[][] {
  const size = Math.max(1, Math.floor(maxBindParameters / Math.max(1, columnsPerRow)));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

/** Values per `IN (…)` list; leaves room for the query's other parameters. */
export function chunkValues<T>(values: readonly T[], maxBindParameters: number): T[][] {
  return chunkRows(values, 1, Math.min(maxBindParameters - 100, 10_000));
}

/** Runs `fn` in the caller's transaction if there is one, else in a new one (Kysely cannot nest them). */
export function inTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute((trx: Transaction<Database>) => fn(trx));
}

/** Keyset cursors are opaque to callers: base64url of the last row's sort value and id. */
export function encodeCursor(sortValue: string | null, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { readonly sortValue: string | null; readonly id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw new Error(`cursor ${JSON.stringify(cursor)} is not one this API returned`, { cause: error });
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    !(typeof parsed[0] === 'string' || parsed[0] === null) ||
    typeof parsed[1] !== 'string'
  ) {
    throw new Error(`cursor ${JSON.stringify(cursor)} is not one this API returned`);
  }
  return { sortValue: parsed[0] as string | null, id: parsed[1] };
}
