import { isAccountRole } from '../../domain/account.js';
import type { Account, AccountRole } from '../../domain/account.js';
import type { RepoContext } from './codec.js';
import { nowIso, toBool } from './codec.js';
import { newId } from './new-id.js';

export interface AccountWithHash {
  readonly account: Account;
  readonly passwordHash: string;
}

export interface SessionRow {
  readonly accountId: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

interface AccountRowShape {
  id: string;
  email: string;
  role: string;
  is_active: number;
  created_at: string;
  last_sign_in_at: string | null;
}

function toAccount(row: AccountRowShape): Account {
  if (!isAccountRole(row.role)) throw new Error(`accounts.role of ${row.id} holds "${row.role}", not a known role`);
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    isActive: toBool(row.is_active),
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
  };
}

const ACCOUNT_COLUMNS = ['id', 'email', 'role', 'is_active', 'created_at', 'last_sign_in_at'] as const;

/** Sign-in accounts and their sessions; passwords arrive here already hashed. */
export class AccountRepo {
  constructor(private readonly ctx: RepoContext) {}

  async insert(input: { email: string; role: AccountRole; passwordHash: string }): Promise<Account> {
    const at = nowIso(this.ctx);
    const id = newId();
    await this.ctx.db
      .insertInto('accounts')
      .values({
        id,
        email: input.email,
        email_lower: input.email.toLowerCase(),
        role: input.role,
        password_hash: input.passwordHash,
        created_at: at,
        updated_at: at,
        last_sign_in_at: null,
      })
      .execute();
    return { id, email: input.email, role: input.role, isActive: true, createdAt: at, lastSignInAt: null };
  }

  async findByEmail(email: string): Promise<AccountWithHash | undefined> {
    const row = await this.ctx.db
      .selectFrom('accounts')
      .select([...ACCOUNT_COLUMNS, 'password_hash'])
      .where('email_lower', '=', email.toLowerCase())
      .executeTakeFirst();
    return row === undefined ? undefined : { account: toAccount(row), passwordHash: row.password_hash };
  }

  async get(id: string): Promise<Account | undefined> {
    const row = await this.ctx.db.selectFrom('accounts').select(ACCOUNT_COLUMNS).where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toAccount(row);
  }

  async list(): Promise<Account[]> {
    const rows = await this.ctx.db.selectFrom('accounts').select(ACCOUNT_COLUMNS).orderBy('email_lower').execute();
    return rows.map(toAccount);
  }

  async count(): Promise<number> {
    const row = await this.ctx.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async update(id: string, patch: { role?: AccountRole; passwordHash?: string; isActive?: boolean }): Promise<Account | undefined> {
    const values: { updated_at: string; role?: string; password_hash?: string; is_active?: number } = { updated_at: nowIso(this.ctx) };
    if (patch.role !== undefined) values.role = patch.role;
    if (patch.passwordHash !== undefined) values.password_hash = patch.passwordHash;
    if (patch.isActive !== undefined) values.is_active = patch.isActive ? 1 : 0;
    await this.ctx.db.updateTable('accounts').set(values).where('id', '=', id).execute();
    if (patch.isActive === false || patch.passwordHash !== undefined) {
      // A disabled account or a changed password ends every session at once.
      await this.ctx.db.deleteFrom('sessions').where('account_id', '=', id).execute();
    }
    return this.get(id);
  }

  async recordSignIn(id: string): Promise<void> {
    await this.ctx.db.updateTable('accounts').set({ last_sign_in_at: nowIso(this.ctx) }).where('id', '=', id).execute();
  }

  async insertSession(input: { tokenHash: string; accountId: string; csrfToken: string; expiresAt: string }): Promise<void> {
    await this.ctx.db
      .insertInto('sessions')
      .values({
        token_hash: input.tokenHash,
        account_id: input.accountId,
        csrf_token: input.csrfToken,
        created_at: nowIso(this.ctx),
        expires_at: input.expiresAt,
      })
      .execute();
  }

  async findSession(tokenHash: string): Promise<SessionRow | undefined> {
    const row = await this.ctx.db
      .selectFrom('sessions')
      .select(['account_id', 'csrf_token', 'expires_at'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row === undefined ? undefined : { accountId: row.account_id, csrfToken: row.csrf_token, expiresAt: row.expires_at };
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.ctx.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  async deleteExpiredSessions(): Promise<number> {
    const result = await this.ctx.db.deleteFrom('sessions').where('expires_at', '<=', nowIso(this.ctx)).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
