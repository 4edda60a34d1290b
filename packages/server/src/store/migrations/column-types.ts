import type { ColumnDataType, CreateTableBuilder } from 'kysely';

/**
 * The per-dialect column types the migrations use. It lives beside the migrations (not in dialects/) because
 * migrations are frozen in time: a later change to the app's dialect code must not rewrite old migrations.
 */
export interface ColumnTypes {
  readonly dialect: 'sqlite' | 'postgres';
  /** JSON documents: jsonb on PostgreSQL (queryable), text on SQLite; repos parse either. */
  readonly json: ColumnDataType;
  /** SQLite REAL is 8 bytes already; PostgreSQL `real` would be float4 and lose precision. */
  readonly float: ColumnDataType;
}

export const SQLITE_COLUMN_TYPES: ColumnTypes = { dialect: 'sqlite', json: 'text', float: 'real' };
export const POSTGRES_COLUMN_TYPES: ColumnTypes = { dialect: 'postgres', json: 'jsonb', float: 'double precision' };

/** An integer surrogate key for append-only, high-volume tables (audit, history) where insertion order matters. */
export function addIdentityKey<T extends string>(
  table: CreateTableBuilder<T, never>,
  types: ColumnTypes,
): CreateTableBuilder<T, 'id'> {
  return types.dialect === 'postgres'
    ? table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey());
}
