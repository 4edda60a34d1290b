import type { RepoContext } from './codec.js';

export interface RunLock {
  readonly connectionId: string;
  readonly owner: string;
  readonly acquiredAt: string;
  readonly expiresAt: string;
}

/**
 * "One run per connection at a time" as a lease row, the same on SQLite and PostgreSQL: one atomic
 * INSERT … ON CONFLICT DO UPDATE … WHERE takes a free or expired lease and refuses a live one. Expiry uses the
 * app clock, so workers on several machines need roughly synchronised clocks (a TTL of minutes absorbs skew).
 */
export class RunLockRepo {
  constructor(private readonly ctx: RepoContext) {}

  /** True when `owner` now holds the lock (also when it already held it: the lease is extended). */
  async tryAcquire(connectionId: string, owner: string, ttlMs: number): Promise<boolean> {
    const now = this.ctx.now();
    const nowIso = now.toISOString();
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    const row = await this.ctx.db
      .insertInto('run_locks')
      .values({ connection_id: connectionId, owner, acquired_at: nowIso, expires_at: expiresAt })
      .onConflict((oc) =>
        oc
          .column('connection_id')
          .doUpdateSet((eb) => ({
            owner: eb.ref('excluded.owner'),
            acquired_at: eb.ref('excluded.acquired_at'),
            expires_at: eb.ref('excluded.expires_at'),
          }))
          .where((eb) => eb.or([eb('run_locks.expires_at', '<=', nowIso), eb('run_locks.owner', '=', owner)])),
      )
      .returning('owner')
      .executeTakeFirst();
    return row?.owner === owner;
  }

  /** Extends a lease the owner still holds; false when it expired and someone else took it (stop working). */
  async renew(connectionId: string, owner: string, ttlMs: number): Promise<boolean> {
    const now = this.ctx.now();
    const result = await this.ctx.db
      .updateTable('run_locks')
      .set({ expires_at: new Date(now.getTime() + ttlMs).toISOString() })
      .where('connection_id', '=', connectionId)
      .where('owner', '=', owner)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async release(connectionId: string, owner: string): Promise<boolean> {
    const result = await this.ctx.db
      .deleteFrom('run_locks')
      .where('connection_id', '=', connectionId)
      .where('owner', '=', owner)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async get(connectionId: string): Promise<RunLock | undefined> {
    const row = await this.ctx.db.selectFrom('run_locks').selectAll().where('connection_id', '=', connectionId).executeTakeFirst();
    return row
      ? { connectionId: row.connection_id, owner: row.owner, acquiredAt: row.acquired_at, expiresAt: row.expires_at }
      : undefined;
  }
}
