import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { UserDetail, UserListItem, UserListQuery, UserListResponse } from '@intune-assets/contracts';
import type { User } from '../domain/user.js';
import { AppError } from '../errors/app-error.js';
import type { Database } from '../store/database.js';
import { toUser } from '../store/repos/user-repo.js';
import { fromBool } from '../store/repos/codec.js';
import { listAssetPage, toListItems } from './asset-list-query.js';
import { decodeKeyset, encodeKeyset } from './register-cursor.js';
import { loadRegisterNames, namedRef, userDisplayName } from './register-names.js';

type Db = Kysely<Database>;
const TOP = '\uffff';
/** Users are paged in id order: ids are UUIDv7, so that is creation order, and the primary key serves the keyset. */
const USER_SORT = 'id';
/** A user's detail lists this many of their assets (by asset tag); the assets list filtered by user pages on. */
const USER_ASSETS_LIMIT = 200;

function toUserListItem(user: User): UserListItem {
  return {
    id: user.id,
    name: userDisplayName(user),
    email: user.email,
    upn: user.upn,
    employeeId: user.employeeId,
    isActive: user.isActive,
    source: user.source,
    createdAt: user.createdAt,
  };
}

/**
 * Users list. `search` is a case-insensitive prefix of the email, UPN, employee id, first name, last name or
 * "first last"; the users table is small next to the assets and is read in id order with these as filters.
 */
export async function listUsers(db: Db, query: UserListQuery): Promise<UserListResponse> {
  let select = db.selectFrom('users').selectAll().orderBy('id').limit(query.limit + 1);
  if (query.active !== undefined) select = select.where('is_active', '=', fromBool(query.active));
  const term = query.search?.trim().toLowerCase();
  if (term !== undefined && term !== '') {
    const prefix = (expression: ReturnType<typeof sql<string>>) => sql<boolean>`(${expression} >= ${term} and ${expression} < ${term + TOP})`;
    select = select.where((eb) =>
      eb.or([
        prefix(sql`email_lower`),
        prefix(sql`upn_lower`),
        prefix(sql`employee_id_lower`),
        prefix(sql`lower(first_name)`),
        prefix(sql`lower(last_name)`),
        prefix(sql`lower(first_name || ' ' || last_name)`),
      ]),
    );
  }
  if (query.cursor !== undefined) select = select.where('id', '>', decodeKeyset(query.cursor, USER_SORT).id);
  const rows = await select.execute();
  const items = rows.slice(0, query.limit).map((r) => toUserListItem(toUser(r)));
  const last = rows.length > query.limit ? items.at(-1) : undefined;
  return { items, nextCursor: last === undefined ? null : encodeKeyset({ sort: USER_SORT, value: null, id: last.id }) };
}

export async function loadUserDetail(db: Db, userId: string): Promise<UserDetail> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!row) throw new AppError('not_found', `There is no user with id ${userId}.`);
  const user = toUser(row);
  const names = await loadRegisterNames(db);
  const departmentIds = [...names.departments.keys()];
  const page = await listAssetPage(db, { allocatedUserId: userId, sort: 'assetTag', limit: USER_ASSETS_LIMIT, departmentIds });
  return {
    user: {
      ...toUserListItem(user),
      firstName: user.firstName,
      lastName: user.lastName,
      samAccountName: user.samAccountName,
      site: namedRef(user.siteId, names.sites),
      updatedAt: user.updatedAt,
    },
    assets: await toListItems(db, page.assets, names),
  };
}
