import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { Database } from '../database.js';

export type AssetCell = string | number | null;

/** One optimistic row update of `fixed_assets`. */
export interface AssetRowWrite {
  readonly id: string;
  /** The row is written only while its `updated_at` still holds this value (the caller's read). */
  readonly expectedUpdatedAt: string;
  readonly updatedAt: string;
  /** Column → new value (NULL included); columns not named keep their value. */
  readonly columns: ReadonlyMap<string, AssetCell>;
}

/**
 * Rows per statement. Each patched column is a `CASE id WHEN … THEN …` list, so the work per statement grows with
 * rows² × columns: 100 keeps a sync batch (50) in one statement and a bulk edit of thousands in a few dozen.
 */
export const MAX_ROWS_PER_STATEMENT = 100;

/** Bind parameters per row besides its columns: `id in (…)`, the expected and the new `updated_at` (id + value each). */
const FIXED_PARAMETERS_PER_ROW = 5;
const COLUMN_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * Writes many optimistic updates with a few statements (one per 100 rows on a sync batch) instead of one per row:
 * on PostgreSQL every statement is a network round trip. Returns, per input row, whether it was written; a row not
 * written had a different `updated_at` (or is gone), i.e. a conflict.
 *
 * Each statement is `update fixed_assets set col = case id when ? then ? … else col end … where id in (…) and
 * updated_at = case id when ? then ? … end returning id`. Unlike a join against a `VALUES` list this needs no
 * casts: PostgreSQL types each parameter from the `else` column (float8, jsonb, text), so one text serves both
 * backends, and a column only some rows set keeps its value on the others, even when a row sets it to NULL.
 *
 * An id given twice is written in a later statement, after its first write, as one update per row would be.
 */
export async function writeAssetRows(
  db: Kysely<Database>,
  input: { readonly rows: readonly AssetRowWrite[]; readonly maxBindParameters: number },
): Promise<boolean[]> {
  const isWritten = new Array<boolean>(input.rows.length).fill(false);
  for (const round of rounds(input.rows)) {
    for (const chunk of chunks(round, input.maxBindParameters)) {
      const indexById = new Map(chunk.map(({ row, index }) => [row.id, index]));
      const written = await statementFor(chunk.map(({ row }) => row)).execute(db);
      for (const { id } of written.rows) {
        const index = indexById.get(id);
        if (index !== undefined) isWritten[index] = true;
      }
    }
  }
  return isWritten;
}

interface IndexedRow {
  readonly row: AssetRowWrite;
  readonly index: number;
}

/** Rows split so no id repeats within a round; later repeats go to later rounds, in input order. */
function rounds(rows: readonly AssetRowWrite[]): IndexedRow[][] {
  const seen = new Map<string, number>();
  const out: IndexedRow[][] = [];
  rows.forEach((row, index) => {
    const round = seen.get(row.id) ?? 0;
    seen.set(row.id, round + 1);
    (out[round] ??= []).push({ row, index });
  });
  return out;
}

function chunks(round: readonly IndexedRow[], maxBindParameters: number): IndexedRow[][] {
  const out: IndexedRow[][] = [];
  let current: IndexedRow[] = [];
  let parameters = 0;
  for (const item of round) {
    const cost = FIXED_PARAMETERS_PER_ROW + 2 * item.row.columns.size;
    if (cost > maxBindParameters) {
      throw new Error(`updating asset ${item.row.id} needs ${String(cost)} bind parameters, more than the backend's ${String(maxBindParameters)}`);
    }
    if (current.length > 0 && (current.length >= MAX_ROWS_PER_STATEMENT || parameters + cost > maxBindParameters)) {
      out.push(current);
      current = [];
      parameters = 0;
    }
    current.push(item);
    parameters += cost;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Text and parameters in order; `sql.join` with an empty separator turns them into one statement of either dialect. */
class StatementParts {
  private readonly parts: unknown[] = [];

  text(value: string): this {
    this.parts.push(sql.raw(value));
    return this;
  }

  value(value: AssetCell): this {
    this.parts.push(value);
    return this;
  }

  build<R>(): RawBuilder<R> {
    return sql<R>`${sql.join(this.parts, sql.raw(''))}`;
  }
}

function statementFor(rows: readonly AssetRowWrite[]): RawBuilder<{ id: string }> {
  const columns = [...new Set(rows.flatMap((row) => [...row.columns.keys()]))].sort();
  const parts = new StatementParts().text('update fixed_assets set ');
  for (const column of columns) {
    if (!COLUMN_NAME.test(column) || column === 'id' || column === 'updated_at') {
      throw new Error(`asset update names the column ${JSON.stringify(column)}, which it may not set`);
    }
    parts.text(`${column} = case id`);
    for (const row of rows) {
      const value = row.columns.get(column);
      if (value !== undefined) parts.text(' when ').value(row.id).text(' then ').value(value);
    }
    parts.text(` else ${column} end, `);
  }
  parts.text('updated_at = case id');
  for (const row of rows) parts.text(' when ').value(row.id).text(' then ').value(row.updatedAt);
  parts.text(' end where id in (');
  rows.forEach((row, i) => parts.text(i === 0 ? '' : ', ').value(row.id));
  parts.text(') and updated_at = case id');
  for (const row of rows) parts.text(' when ').value(row.id).text(' then ').value(row.expectedUpdatedAt);
  return parts.text(' end returning id').build<{ id: string }>();
}
