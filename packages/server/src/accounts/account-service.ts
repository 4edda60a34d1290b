import { createHash, randomBytes } from 'node:crypto';
import { toFieldIssues } from '@intune-assets/contracts';
import { z } from 'zod';
import { ACCOUNT_ROLES } from '../domain/account.js';
import type { Account } from '../domain/account.js';
import { AppError } from '../errors/app-error.js';
import type { Store } from '../store/connect.js';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './password.js';
import { SignInThrottle } from './sign-in-throttle.js';

export const MIN_PASSWORD_LENGTH = 12;

const newAccountSchema = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email({ message: 'must be an email address' })),
  role: z.enum(ACCOUNT_ROLES, { message: `must be one of ${ACCOUNT_ROLES.join(', ')}` }),
  password: z.string().min(MIN_PASSWORD_LENGTH, { message: `must be at least ${MIN_PASSWORD_LENGTH} characters` }).max(1024),
});

export interface SignedIn {
  readonly account: Account;
  /** The cookie value; only its hash is stored. */
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export interface ActiveSession {
  readonly account: Account;
  readonly csrfToken: string;
  readonly tokenHash: string;
}

export interface AccountServiceOptions {
  readonly sessionTtlMs?: number;
  readonly throttle?: SignInThrottle;
  readonly now?: () => Date;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Local sign-in accounts (SPEC §8): scrypt-hashed passwords, server-side sessions, throttled failures. */
export class AccountService {
  readonly #store: Store;
  readonly #ttlMs: number;
  readonly #throttle: SignInThrottle;
  readonly #now: () => Date;

  constructor(store: Store, options: AccountServiceOptions = {}) {
    this.#store = store;
    this.#ttlMs = options.sessionTtlMs ?? 12 * 60 * 60_000;
    this.#throttle = options.throttle ?? new SignInThrottle();
    this.#now = options.now ?? (() => new Date());
  }

  async create(input: unknown): Promise<Account> {
    const parsed = newAccountSchema.safeParse(input);
    if (!parsed.success) {
      const issues = toFieldIssues(parsed.error);
      throw new AppError('input_invalid', `The account is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { details: { issues } });
    }
    const { email, role, password } = parsed.data;
    if (await this.#store.repos.accounts.findByEmail(email)) {
      throw new AppError('conflict', `An account for ${email} already exists.`, { details: { issues: [{ path: 'email', message: 'an account with this email already exists' }] } });
    }
    return this.#store.repos.accounts.insert({ email, role, passwordHash: await hashPassword(password) });
  }

  /** Role change, disable/enable, password reset; disabling or a new password ends the account's sessions. */
  async update(id: string, patch: { role?: Account['role']; isActive?: boolean; password?: string }, actor: Account | null): Promise<Account> {
    if (patch.password !== undefined && patch.password.length < MIN_PASSWORD_LENGTH) {
      throw new AppError('input_invalid', `password: must be at least ${MIN_PASSWORD_LENGTH} characters`, { details: { issues: [{ path: 'password', message: `must be at least ${MIN_PASSWORD_LENGTH} characters` }] } });
    }
    if (actor !== null && id === actor.id && (patch.isActive === false || (patch.role !== undefined && patch.role !== 'admin'))) {
      // The last way back in must not be closed by accident: an admin cannot demote or disable themself.
      throw new AppError('conflict', 'You cannot demote or disable your own account; ask another admin.');
    }
    const repoPatch: { role?: Account['role']; isActive?: boolean; passwordHash?: string } = {};
    if (patch.role !== undefined) repoPatch.role = patch.role;
    if (patch.isActive !== undefined) repoPatch.isActive = patch.isActive;
    if (patch.password !== undefined) repoPatch.passwordHash = await hashPassword(patch.password);
    const updated = await this.#store.repos.accounts.update(id, repoPatch);
    if (!updated) throw new AppError('not_found', `No account ${id}.`);
    return updated;
  }

  list(): Promise<Account[]> {
    return this.#store.repos.accounts.list();
  }

  count(): Promise<number> {
    return this.#store.repos.accounts.count();
  }

  /** Throws `rate_limited` (details.retryAfterSeconds) or `invalid_credentials`; the message never says which part was wrong. */
  async signIn(email: string, password: string, clientKey: string): Promise<SignedIn> {
    const keys = [`ip:${clientKey}`, `email:${email.trim().toLowerCase()}`];
    const wait = this.#throttle.retryAfterSeconds(keys);
    if (wait > 0) {
      throw new AppError('rate_limited', `Too many failed sign-ins; try again in ${Math.ceil(wait / 60)} minute(s).`, { details: { retryAfterSeconds: wait } });
    }
    const found = await this.#store.repos.accounts.findByEmail(email.trim());
    // Compare against a dummy hash for unknown emails so the answer takes as long either way.
    const ok = await verifyPassword(password, found?.passwordHash ?? (await DUMMY_HASH_PROMISE));
    if (!found || !ok || !found.account.isActive) {
      this.#throttle.recordFailure(keys);
      throw new AppError('invalid_credentials', 'Email or password is wrong.');
    }
    this.#throttle.recordSuccess(keys);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(this.#now().getTime() + this.#ttlMs).toISOString();
    await this.#store.repos.accounts.insertSession({ tokenHash: hashToken(token), accountId: found.account.id, csrfToken, expiresAt });
    await this.#store.repos.accounts.recordSignIn(found.account.id);
    return { account: found.account, token, csrfToken, expiresAt };
  }

  /** The signed-in account behind a cookie token, or null when unknown, expired or disabled. */
  async resolve(token: string): Promise<ActiveSession | null> {
    const tokenHash = hashToken(token);
    const session = await this.#store.repos.accounts.findSession(tokenHash);
    if (!session) return null;
    if (session.expiresAt <= this.#now().toISOString()) {
      await this.#store.repos.accounts.deleteSession(tokenHash);
      return null;
    }
    const account = await this.#store.repos.accounts.get(session.accountId);
    if (!account || !account.isActive) return null;
    return { account, csrfToken: session.csrfToken, tokenHash };
  }

  async signOut(token: string): Promise<void> {
    await this.#store.repos.accounts.deleteSession(hashToken(token));
  }
}
