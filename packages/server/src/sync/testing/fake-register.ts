import { ASSET_DEFAULTS } from '../../domain/asset.js';
import type { Asset, AssetFields } from '../../domain/asset.js';
import { assetMatchKeys, matchKey } from '../../domain/match-key.js';
import type { User } from '../../domain/user.js';
import { toUserKey } from '../../domain/user.js';
import type { BatchWrite, BatchWriteResult, DeviceOutcomeRecord, LifecycleChange, NewEmployee, ReconcileAsset, RegisterStore } from '../ports.js';

// why: the pipeline's unit tests assert whole run reports over many scenarios in milliseconds; the real
// RegisterStore on SQLite and PostgreSQL has its own integration tests and the end-to-end ones.
export class FakeRegister implements RegisterStore {
  readonly assets = new Map<string, Asset & { missingFromSourceSince: string | null }>();
  readonly users = new Map<string, User>();
  readonly outcomes: DeviceOutcomeRecord[] = [];
  readonly lifecycle: LifecycleChange[] = [];
  writes = 0;
  /** writeBatch calls that were written (each one a write transaction of the real store). */
  transactions = 0;
  /** Make writeBatch throw for batches containing this device id (a device the database rejects). */
  poisonDeviceId: string | null = null;
  /**
   * Writes land a few milliseconds after they are asked for, in the order asked (as on the writer thread or a
   * database across the network), so the pipeline's next page runs while they are under way.
   */
  lagMs = 0;
  /** With `lagMs`: writes also wait for this before they land (a test holds them to look at a run mid-way). */
  holdWrites: Promise<void> = Promise.resolve();
  /** Writes asked for and not yet landed. */
  pendingWrites = 0;
  /** What happened in order: `lookup <device ids>` and `written <device ids>` (with `lagMs`). */
  readonly events: string[] = [];
  #lagged: Promise<unknown> = Promise.resolve();
  #seq = 0;

  readonly references = {
    categoryId: async ({ category }: { category: string }) => `cat:${category}`,
    subStatusId: async ({ status, name }: { status: string; name: string }) => `sub:${status}:${name}`,
    conditionId: async (name: string) => `cond:${name}`,
    place: async (names: { site: string; location: string; store: string }) => ({ siteId: `site:${names.site}`, locationId: `loc:${names.location}`, storeId: `store:${names.store}` }),
    floorId: async ({ name }: { name: string }) => `floor:${name}`,
  };

  addAsset(fields: Partial<AssetFields>): Asset {
    const id = `asset-${++this.#seq}`;
    const asset = { ...ASSET_DEFAULTS, ...fields, id, departmentId: 'dept', assetTag: `AST-${this.#seq}`, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', missingFromSourceSince: null };
    this.assets.set(id, asset);
    return asset;
  }

  addUser(user: Partial<User> & { email: string }): User {
    const full = this.#newUser(user);
    this.users.set(full.id, full);
    return full;
  }

  #newUser(user: Partial<User> & { email: string }): User {
    return { id: `user-${++this.#seq}`, departmentId: 'dept', upn: null, employeeId: null, samAccountName: null, firstName: null, lastName: null, siteId: null, isActive: true, source: 'manual', externalId: null, createdAt: '', updatedAt: '', ...user };
  }

  async findAssets(query: Parameters<RegisterStore['findAssets']>[0]): Promise<readonly Asset[]> {
    const ids = new Set(query.intuneDeviceIds);
    const keys = new Set(query.matchValues.map((v) => matchKey(query.matchField, v)).filter((k) => k !== null));
    return [...this.assets.values()].filter((a) => (a.intuneDeviceId !== null && ids.has(a.intuneDeviceId)) || assetMatchKeys(a, query.matchField).some((k) => keys.has(k)));
  }

  async findAssetHashes(query: { intuneDeviceIds: readonly string[] }): Promise<ReadonlyMap<string, { assetId: string; contentHash: string | null }>> {
    const ids = new Set(query.intuneDeviceIds);
    if (this.lagMs > 0) this.events.push(`lookup ${query.intuneDeviceIds.join(' ')}`);
    const out = new Map<string, { assetId: string; contentHash: string | null }>();
    for (const a of this.assets.values()) if (a.intuneDeviceId !== null && ids.has(a.intuneDeviceId)) out.set(a.intuneDeviceId, { assetId: a.id, contentHash: a.contentHash });
    return out;
  }

  async findUsers(query: Parameters<RegisterStore['findUsers']>[0]): Promise<ReadonlyMap<string, User>> {
    const wanted = new Set(query.values);
    const out = new Map<string, User>();
    for (const user of this.users.values()) {
      const key = toUserKey(user[query.field === 'upn' ? 'upn' : query.field]);
      if (key !== null && wanted.has(key)) out.set(key, user);
    }
    return out;
  }

  createUsers(input: { users: readonly NewEmployee[] }): { ids: ReadonlyMap<string, string>; written: Promise<ReadonlyMap<string, string>> } {
    const ids = new Map(input.users.map((employee) => [employee.key, `user-${++this.#seq}`]));
    const written = this.#inOrder(() => {
      for (const employee of input.users) {
        const user: User = { ...this.#newUser({ email: employee.email, upn: employee.upn, firstName: employee.firstName, lastName: employee.lastName, source: 'intune:conn' }), id: ids.get(employee.key) ?? '' };
        this.users.set(user.id, user);
      }
      return ids;
    });
    return { ids, written };
  }

  async writeBatch(input: { batch: BatchWrite }): Promise<BatchWriteResult> {
    return this.#inOrder(() => {
      const result = this.#write(input.batch);
      if (this.lagMs > 0) this.events.push(`written ${[...input.batch.creates, ...input.batch.updates].map((c) => c.deviceId).join(' ')}`);
      return result;
    });
  }

  #inOrder<T>(write: () => T): Promise<T> {
    if (this.lagMs === 0) return Promise.resolve().then(write);
    this.pendingWrites += 1;
    const landed = this.#lagged.then(async () => {
      await new Promise((resolve) => setTimeout(resolve, this.lagMs));
      await this.holdWrites;
      try {
        return write();
      } finally {
        this.pendingWrites -= 1;
      }
    });
    this.#lagged = landed.catch(() => undefined);
    return landed;
  }

  #write(batch: BatchWrite): BatchWriteResult {
    if (this.poisonDeviceId !== null && [...batch.creates, ...batch.updates].some((c) => c.deviceId === this.poisonDeviceId)) {
      throw new Error('CHECK constraint failed: fixed_assets');
    }
    const created = new Map<string, string>();
    const conflicts: string[] = [];
    for (const create of batch.creates) {
      created.set(create.deviceId, this.addAsset(create.fields).id);
      this.writes += 1;
    }
    let updated = 0;
    for (const update of batch.updates) {
      const current = this.assets.get(update.before.id);
      if (current === undefined || current.updatedAt !== update.before.updatedAt) {
        conflicts.push(update.deviceId);
        continue;
      }
      this.assets.set(current.id, { ...current, ...update.patch, updatedAt: `${current.updatedAt}+` });
      this.writes += 1;
      updated += 1;
    }
    this.outcomes.push(...batch.outcomes);
    this.transactions += 1;
    return { created, updated, conflicts };
  }

  async connectionAssets(connectionId: string): Promise<readonly ReconcileAsset[]> {
    return [...this.assets.values()]
      .filter((a) => a.sourceConnectionId === connectionId)
      .map((a) => ({ id: a.id, intuneDeviceId: a.intuneDeviceId, statusKey: a.statusKey, lastSeenInSourceAt: a.lastSeenInSourceAt, missingFromSourceSince: a.missingFromSourceSince }));
  }

  async applyLifecycle(input: { changes: readonly LifecycleChange[] }): Promise<void> {
    for (const change of input.changes) {
      const asset = this.assets.get(change.assetId);
      if (asset === undefined) continue;
      this.lifecycle.push(change);
      this.assets.set(asset.id, {
        ...asset,
        ...(change.statusKey === undefined ? {} : { statusKey: change.statusKey }),
        ...(change.missingFromSourceSince === undefined ? {} : { missingFromSourceSince: change.missingFromSourceSince }),
      });
      this.writes += 1;
    }
  }

  byDevice(intuneDeviceId: string): Asset | undefined {
    return [...this.assets.values()].find((a) => a.intuneDeviceId === intuneDeviceId);
  }
}
