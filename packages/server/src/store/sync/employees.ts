import { toUserKey } from '../../domain/user.js';
import type { Store } from '../connect.js';
import { chunkRows, chunkValues } from '../repos/codec.js';
import { newId } from '../repos/new-id.js';
import { dryRunId } from './register-types.js';
import type { EmployeeInput } from './register-types.js';

export interface EmployeesContext {
  readonly store: Store;
  readonly dryRun: boolean;
  readonly now: () => Date;
}

const USER_COLUMNS = 18;

function checkEmployees(users: readonly EmployeeInput[]): void {
  for (const [i, user] of users.entries()) {
    if (toUserKey(user.key) === null) throw new Error(`employee ${String(i)} (${JSON.stringify(user.email)}) has an empty key`);
    if (toUserKey(user.email) === null) throw new Error(`employee ${JSON.stringify(user.key)} has no email: the connector creates employees only with an email`);
  }
}

/**
 * Creates the connector's missing employees in one transaction and returns key → user id. A user that exists
 * already with the same email or the same (source, external id), made by a concurrent run or by hand, is reused:
 * the insert skips conflicting rows and the ids are read back.
 */
export async function createEmployees(
  ctx: EmployeesContext,
  input: { readonly departmentId: string; readonly source: string; readonly users: readonly EmployeeInput[] },
): Promise<ReadonlyMap<string, string>> {
  checkEmployees(input.users);
  if (ctx.dryRun) return new Map(input.users.map((u) => [u.key, dryRunId('user', u.key)]));
  if (input.users.length === 0) return new Map();
  const { departmentId, source } = input;
  const { maxBindParameters } = ctx.store.capabilities;
  return ctx.store.bulkTransaction(async ({ db }) => {
    const at = ctx.now().toISOString();
    const rows = input.users.map((u) => ({
      id: newId(),
      department_id: departmentId,
      email: u.email.trim(),
      email_lower: toUserKey(u.email),
      upn: u.upn,
      upn_lower: toUserKey(u.upn),
      employee_id: u.employeeId,
      employee_id_lower: toUserKey(u.employeeId),
      sam_account_name: u.samAccountName,
      sam_account_name_lower: toUserKey(u.samAccountName),
      first_name: u.firstName,
      last_name: u.lastName,
      site_id: null,
      is_active: 1,
      source,
      external_id: u.externalId,
      created_at: at,
      updated_at: at,
    }));
    for (const chunk of chunkRows(rows, USER_COLUMNS, maxBindParameters)) {
      await db.insertInto('users').values(chunk).onConflict((oc) => oc.doNothing()).execute();
    }
    const byEmail = new Map<string, string>();
    const byExternal = new Map<string, string>();
    const emails = rows.map((r) => r.email_lower).filter((e): e is string => e !== null);
    for (const chunk of chunkValues(emails, maxBindParameters)) {
      const found = await db.selectFrom('users').select(['id', 'email_lower']).where('department_id', '=', departmentId).where('email_lower', 'in', chunk).execute();
      for (const row of found) if (row.email_lower !== null) byEmail.set(row.email_lower, row.id);
    }
    const externals = input.users.filter((u) => !byEmail.has(toUserKey(u.email) ?? '') && u.externalId !== null).map((u) => u.externalId ?? '');
    for (const chunk of chunkValues(externals, maxBindParameters)) {
      const found = await db
        .selectFrom('users')
        .select(['id', 'external_id'])
        .where('department_id', '=', departmentId)
        .where('source', '=', source)
        .where('external_id', 'in', chunk)
        .execute();
      for (const row of found) if (row.external_id !== null) byExternal.set(row.external_id, row.id);
    }
    const ids = new Map<string, string>();
    for (const user of input.users) {
      const id = byEmail.get(toUserKey(user.email) ?? '') ?? (user.externalId === null ? undefined : byExternal.get(user.externalId));
      if (id === undefined) throw new Error(`employee ${JSON.stringify(user.key)} was neither created nor found after the insert`);
      ids.set(user.key, id);
    }
    return ids;
  });
}
