import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { BulkSql } from '../dialects/bulk-sql.js';

/**
 * Reserves `count` consecutive tags of a department's sequence with one atomic UPDATE … RETURNING. On PostgreSQL
 * the row lock is held until the caller's transaction ends, so concurrent writers in one department queue behind
 * each other and tags stay gapless; SQLite serialises writers anyway. A rolled-back transaction returns its tags.
 */
export async function allocateAssetTags(db: Kysely<Database>, departmentId: string, count: number): Promise<string[]> {
  if (count <= 0) return [];
  const row = await db
    .updateTable('asset_tag_sequences')
    .set({ next_value: sql<number>`next_value + ${count}` })
    .where('department_id', '=', departmentId)
    .returning(['next_value', 'prefix', 'width'])
    .executeTakeFirst();
  return formatTags(departmentId, count, row);
}

/** The same reservation as raw bulk SQL, for the sync's batch writer (it runs in the writer's transaction). */
export async function allocateAssetTagsBulk(sql: BulkSql, departmentId: string, count: number): Promise<string[]> {
  if (count <= 0) return [];
  const [row] = await sql.all<{ next_value: number | string; prefix: string; width: number | string }>(
    'update asset_tag_sequences set next_value = next_value + ? where department_id = ? returning next_value, prefix, width',
    [count, departmentId],
  );
  return formatTags(departmentId, count, row && { next_value: Number(row.next_value), prefix: row.prefix, width: Number(row.width) });
}

function formatTags(departmentId: string, count: number, row: { next_value: number; prefix: string; width: number } | undefined): string[] {
  if (!row) throw new Error(`department ${departmentId} has no asset tag sequence (is it a department of this register?)`);
  const first = Number(row.next_value) - count;
  return Array.from({ length: count }, (_, i) => `${row.prefix}${String(first + i).padStart(row.width, '0')}`);
}
