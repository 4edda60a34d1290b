import { newId } from './new-id.js';
import type { Selectable } from 'kysely';
import { toUserKey } from '../../domain/user.js';
import type { User, UserMatchField } from '../../domain/user.js';
import type { UserTable } from '../database.js';
import { chunkValues, decodeCursor, encodeCursor, fromBool, inTransaction, nowIso, toBool } from './codec.js';
import type { RepoContext } from './codec.js';
import { ensureUserLookupIndex } from './user-lookup.js';

export interface NewUser {
  readonly departmentId: string;
  readonly email?: string | null;
  readonly upn?: string | null;
  readonly employeeId?: string | null;
  readonly samAccountName?: string | null;
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly siteId?: string | null;
  readonly isActive?: boolean;
  readonly source: string;
  readonly externalId?: string | null;
}

export type UserPatch = Partial<Omit<NewUser, 'departmentId'>>;

export interface UserPage {
  readonly items: User[];
  readonly nextCursor: string | null;
}

const KEY_COLUMNS = {
  email: 'email_lower',
  upn: 'upn_lower',
  employeeId: 'employee_id_lower',
  samAccountName: 'sam_account_name_lower',
} as const satisfies Record<UserMatchField, keyof UserTable>;

export function toUser(row: Selectable<UserTable>): User {
  return {
    id: row.id,
    departmentId: row.department_id,
    email: row.email,
    upn: row.upn,
    employeeId: row.employee_id,
    samAccountName: row.sam_account_name,
    firstName: row.first_name,
    lastName: row.last_name,
    siteId: row.site_id,
    isActive: toBool(row.is_active),
    source: row.source,
    externalId: row.external_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function patchColumns(patch: UserPatch): Partial<UserTable> {
  const text = (v: string | null | undefined): string | null => (v === undefined || v === null || v.trim() === '' ? null : v.trim());
  return {
    ...(patch.email !== undefined && { email: text(patch.email), email_lower: toUserKey(patch.email) }),
    ...(patch.upn !== undefined && { upn: text(patch.upn), upn_lower: toUserKey(patch.upn) }),
    ...(patch.employeeId !== undefined && { employee_id: text(patch.employeeId), employee_id_lower: toUserKey(patch.employeeId) }),
    ...(patch.samAccountName !== undefined && {
      sam_account_name: text(patch.samAccountName),
      sam_account_name_lower: toUserKey(patch.samAccountName),
    }),
    ...(patch.firstName !== undefined && { first_name: text(patch.firstName) }),
    ...(patch.lastName !== undefined && { last_name: text(patch.lastName) }),
    ...(patch.siteId !== undefined && { site_id: patch.siteId }),
    ...(patch.isActive !== undefined && { is_active: fromBool(patch.isActive) }),
    ...(patch.source !== undefined && { source: patch.source }),
    ...(patch.externalId !== undefined && { external_id: patch.externalId }),
  };
}

/** Employees. Every identifier lookup is case-insensitive through the stored `*_lower` columns. */
export class UserRepo {
  constructor(private readonly ctx: RepoContext) {}

  async insert(input: NewUser): Promise<User> {
    const now = nowIso(this.ctx);
    const row: Selectable<UserTable> = {
      id: newId(),
      department_id: input.departmentId,
      email: null,
      email_lower: null,
      upn: null,
      upn_lower: null,
      employee_id: null,
      employee_id_lower: null,
      sam_account_name: null,
      sam_account_name_lower: null,
      first_name: null,
      last_name: null,
      site_id: null,
      is_active: 1,
      external_id: null,
      ...patchColumns(input),
      source: input.source,
      created_at: now,
      updated_at: now,
    };
    await this.ctx.db.insertInto('users').values(row).execute();
    return toUser(row);
  }

  /**
   * Finds the user by (source, externalId) when an external id is given, else by email, and updates the given
   * fields; inserts when there is none. A directory sync thereby links a hand-made user with the same email.
   */
  upsert(input: NewUser): Promise<{ user: User; isCreated: boolean }> {
    return inTransaction(this.ctx.db, async (db) => {
      const repo = new UserRepo({ ...this.ctx, db });
      const byExternal =
        input.externalId != null
          ? await db
              .selectFrom('users')
              .selectAll()
              .where('department_id', '=', input.departmentId)
              .where('source', '=', input.source)
              .where('external_id', '=', input.externalId)
              .executeTakeFirst()
          : undefined;
      const existing = byExternal ?? (await repo.findBy(input.departmentId, 'email', input.email));
      if (!existing) return { user: await repo.insert(input), isCreated: true };
      const { departmentId: _ignored, ...patch } = input;
      const updated = await repo.update(existing.id, patch);
      if (!updated) throw new Error(`user ${existing.id} vanished during upsert`);
      return { user: updated, isCreated: false };
    });
  }

  async update(id: string, patch: UserPatch): Promise<User | undefined> {
    const row = await this.ctx.db
      .updateTable('users')
      .set({ ...patchColumns(patch), updated_at: nowIso(this.ctx) })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  async get(id: string): Promise<User | undefined> {
    const row = await this.ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  async findBy(departmentId: string, field: UserMatchField, value: string | null | undefined): Promise<User | undefined> {
    const key = toUserKey(value);
    if (key === null) return undefined;
    await ensureUserLookupIndex(this.ctx.db, field);
    const row = await this.ctx.db
      .selectFrom('users')
      .selectAll()
      .where('department_id', '=', departmentId)
      .where(KEY_COLUMNS[field], '=', key)
      .orderBy('created_at')
      .executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  /** Bulk lookup for a batch of devices: the map is keyed by the lower-cased value; the oldest user wins a tie. */
  async findManyBy(departmentId: string, field: UserMatchField, values: readonly string[]): Promise<Map<string, User>> {
    const keys = [...new Set(values.map(toUserKey).filter((k): k is string => k !== null))];
    const found = new Map<string, User>();
    const column = KEY_COLUMNS[field];
    if (keys.length > 0) await ensureUserLookupIndex(this.ctx.db, field);
    for (const chunk of chunkValues(keys, this.ctx.maxBindParameters)) {
      const rows = await this.ctx.db
        .selectFrom('users')
        .selectAll()
        .where('department_id', '=', departmentId)
        .where(column, 'in', chunk)
        .orderBy('created_at', 'desc')
        .execute();
      for (const row of rows) {
        const key = row[column];
        if (key !== null) found.set(key, toUser(row));
      }
    }
    return found;
  }

  async list(filter: { departmentId?: string; isActive?: boolean; search?: string; after?: string; limit?: number } = {}): Promise<UserPage> {
    const limit = filter.limit ?? 100;
    let query = this.ctx.db.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').limit(limit + 1);
    if (filter.departmentId !== undefined) query = query.where('department_id', '=', filter.departmentId);
    if (filter.isActive !== undefined) query = query.where('is_active', '=', fromBool(filter.isActive));
    if (filter.search !== undefined && filter.search.trim() !== '') {
      const like = `%${filter.search.trim().toLowerCase()}%`;
      query = query.where((eb) =>
        eb.or([
          eb('email_lower', 'like', like),
          eb('upn_lower', 'like', like),
          eb(eb.fn('lower', ['first_name']), 'like', like),
          eb(eb.fn('lower', ['last_name']), 'like', like),
        ]),
      );
    }
    if (filter.after !== undefined) {
      const { sortValue, id } = decodeCursor(filter.after);
      const createdAt = sortValue ?? '';
      query = query.where((eb) => eb.or([eb('created_at', '>', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '>', id)])]));
    }
    const rows = await query.execute();
    const items = rows.slice(0, limit).map(toUser);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
  }
}
