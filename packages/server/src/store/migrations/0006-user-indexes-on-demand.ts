import type { Kysely } from 'kysely';

/**
 * The user lookup indexes for upn, employee id and NTID are built on first use instead (`repos/user-lookup.ts`
 * `ensureUserLookupIndex`): a first sync creates ~50,000 employees in one transaction per page, and each of these
 * random-key indexes was rewritten nearly whole by every such commit, while a connection matches owners on one
 * field, by default the email (which has its unique constraint).
 */
// why `any`: migrations are frozen in time and must not depend on the current Database interface (Kysely docs).
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['upn_lower', 'employee_id_lower', 'sam_account_name_lower'] as const) {
    await db.schema.dropIndex(`users_${column}_idx`).execute();
  }
}
