import { toUserKey } from '../../domain/user.js';
import type { Store } from '../connect.js';
import { insertRowsReturning } from '../dialects/bulk-sql.js';
import type { SqlValue } from '../dialects/bulk-sql.js';
import { chunkValues } from '../repos/codec.js';
import { newId } from '../repos/new-id.js';
import { dryRunId } from './register-types.js';
import type { EmployeeInput } from './register-types.js';

export interface EmployeesContext {
  readonly store: Store;
  readonly dryRun: boolean;
  readonly now: () => Date;
  /** Filled with given id → existing id for each employee that was reused rather than created (batch-writer applies it). */
  readonly userRemap: Map<string, string>;
}

const USER_COLUMN_NAMES = [
  'id', 'department_id', 'email', 'email_lower', 'upn', 'upn_lower', 'employee_id', 'employee_id_lower', 'sam_account_name',
  'sam_account_name_lower', 'first_name', 'last_name', 'site_id', 'is_active', 'source', 'external_id', 'created_at', 'updated_at',
];

function checkEmployees(users: readonly EmployeeInput[]): void {
  for (const [i, user] of users.entries()) {
    if (toUserKey(user.key) === null) throw new Error(`employee ${String(i)} (${JSON.stringify(user.email)}) has an empty key`);
    if (toUserKey(user.email) === null) throw new Error(`employee ${JSON.stringify(user.key)} has no email: the connector creates employees only with an email`);
  }
}

/**
 * Creates the connector's missing employees in one transaction, each with the id `ids` gave its key, and returns
 * key → user id as written. A user that exists already with the same email or the same (source, external id), made
 * by a concurrent run or by hand, is reused: the insert skips conflicting rows and returns the ids of the others;
 * only the skipped ones are read back, and their given ids go into `ctx.userRemap`.
 */
export async function createEmployees(
  ctx: EmployeesContext,
  input: { readonly departmentId: string; readonly source: string; readonly users: readonly EmployeeInput[] },
  ids: ReadonlyMap<string, string>,
): Promise<ReadonlyMap<string, string>> {
  checkEmployees(input.users);
  if (ctx.dryRun) return new Map(input.users.map((u) => [u.key, ids.get(u.key) ?? dryRunId('user', u.key)]));
  if (input.users.length === 0) return new Map();
  const { departmentId, source } = input;
  const { maxBindParameters } = ctx.store.capabilities;
  const { bulkRowsPerStatement } = ctx.store.capabilities;
  return ctx.store.bulkTransaction(async ({ sql }) => {
    const at = ctx.now().toISOString();
    // Raw multi-row SQL: a first sync creates tens of thousands of employees, and Kysely's builder cost more than
    // the database did on statements this size.
    const rows: SqlValue[][] = input.users.map((u) => [
      ids.get(u.key) ?? newId(), departmentId, u.email.trim(), toUserKey(u.email), u.upn, toUserKey(u.upn), u.employeeId, toUserKey(u.employeeId),
      u.samAccountName, toUserKey(u.samAccountName), u.firstName, u.lastName, null, 1, source, u.externalId, at, at,
    ]);
    const inserted = await insertRowsReturning<{ id: string; email_lower: string | null }>(sql, {
      table: 'users', columns: USER_COLUMN_NAMES, rows, maxBindParameters, maxRowsPerStatement: bulkRowsPerStatement, skipConflicts: true, returning: ['id', 'email_lower'],
    });
    const byEmail = new Map<string, string>();
    for (const row of inserted) if (row.email_lower !== null) byEmail.set(row.email_lower, row.id);
    const byExternal = new Map<string, string>();
    // Only rows skipped as conflicts (made meanwhile by another run or by hand) are read back.
    const emails = input.users.map((u) => toUserKey(u.email)).filter((e): e is string => e !== null && !byEmail.has(e));
    for (const chunk of chunkValues(emails, maxBindParameters - 1)) {
      const found = await sql.all<{ id: string; email_lower: string | null }>(
        `select id, email_lower from users where department_id = ? and email_lower in (${chunk.map(() => '?').join(', ')})`,
        [departmentId, ...chunk],
      );
      for (const row of found) if (row.email_lower !== null) byEmail.set(row.email_lower, row.id);
    }
    const externals = input.users.filter((u) => !byEmail.has(toUserKey(u.email) ?? '') && u.externalId !== null).map((u) => u.externalId ?? '');
    for (const chunk of chunkValues(externals, maxBindParameters - 2)) {
      const found = await sql.all<{ id: string; external_id: string | null }>(
        `select id, external_id from users where department_id = ? and source = ? and external_id in (${chunk.map(() => '?').join(', ')})`,
        [departmentId, source, ...chunk],
      );
      for (const row of found) if (row.external_id !== null) byExternal.set(row.external_id, row.id);
    }
    const written = new Map<string, string>();
    const remap: Array<[string, string]> = [];
    for (const user of input.users) {
      const id = byEmail.get(toUserKey(user.email) ?? '') ?? (user.externalId === null ? undefined : byExternal.get(user.externalId));
      if (id === undefined) throw new Error(`employee ${JSON.stringify(user.key)} was neither created nor found after the insert`);
      written.set(user.key, id);
      const given = ids.get(user.key);
      if (given !== undefined && given !== id) remap.push([given, id]);
    }
    // Only once the transaction is sure to commit (the callback returns): a rolled-back insert reuses nobody.
    for (const [given, id] of remap) ctx.userRemap.set(given, id);
    return written;
  });
}
