import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { UserMatchField } from '../../domain/user.js';
import type { Database } from '../database.js';

/** Partial indexes built on first use (migration 0006); email lookups use the `(department_id, email_lower)` constraint. */
const ON_DEMAND_COLUMNS: Readonly<Partial<Record<UserMatchField, 'upn_lower' | 'employee_id_lower' | 'sam_account_name_lower'>>> = {
  upn: 'upn_lower',
  employeeId: 'employee_id_lower',
  samAccountName: 'sam_account_name_lower',
};

/**
 * Makes sure lookups of users by `field` have their index. Idempotent; a concurrent creator winning the race is
 * not an error (the second attempt finds the index).
 */
export async function ensureUserLookupIndex(db: Kysely<Database>, field: UserMatchField): Promise<void> {
  const column = ON_DEMAND_COLUMNS[field];
  if (column === undefined) return;
  // PostgreSQL takes a table lock for `create index if not exists` even when the index exists: ask once per handle.
  const done = ensured.get(db) ?? new Set<string>();
  ensured.set(db, done);
  if (done.has(column)) return;
  const create = () =>
    db.schema
      .createIndex(`users_${column}_idx`)
      .ifNotExists()
      .on('users')
      .columns(['department_id', column])
      .where(sql.ref(column), 'is not', null)
      .execute();
  try {
    await create();
  } catch {
    await create();
  }
  done.add(column);
}

const ensured = new WeakMap<Kysely<Database>, Set<string>>();
