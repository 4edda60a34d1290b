import { setImmediate } from 'node:timers/promises';
import type { Asset } from '../../domain/asset.js';
import type { User, UserMatchField } from '../../domain/user.js';
import type { Store } from '../connect.js';
import { ensureLookupIndex } from '../repos/asset-lookup.js';
import { readAssetHashes, readAssets } from './asset-reader.js';
import { newGrowth, writeBatch } from './batch-writer.js';
import type { WriteBatchInput } from './batch-writer.js';
import { createEmployees } from './employees.js';
import { applyLifecycle, connectionAssets } from './lifecycle.js';
import { newId } from '../repos/new-id.js';
import { createReferenceResolver } from './reference-resolver.js';
import type { RegisterReferenceResolver } from './reference-resolver.js';
import { APPLY_LIFECYCLE_OP, CREATE_USERS_OP } from './register-writer.js';
import type { ApplyLifecyclePayload, CreateUsersPayload } from './register-writer.js';
import { dryRunId } from './register-types.js';
import type { BatchWriteOutput, EmployeeInput, LifecycleChangeInput, ReconcileAssetRow, RegisterMatchField } from './register-types.js';

export interface RegisterStoreOptions {
  readonly departmentId: string;
  /** Nothing at all is written: reads answer from the register, creations answer with `dry-run:` placeholders. */
  readonly dryRun: boolean;
  readonly now?: () => Date;
}

/** Structurally the `RegisterStore` port of `sync/ports.ts` (store may not import sync; see register-types.ts). */
export interface SyncRegisterStore {
  readonly references: RegisterReferenceResolver;
  findAssets(query: {
    readonly departmentId: string;
    readonly intuneDeviceIds: readonly string[];
    readonly matchField: RegisterMatchField;
    readonly matchValues: readonly string[];
  }): Promise<readonly Asset[]>;
  findAssetHashes(query: { readonly departmentId: string; readonly intuneDeviceIds: readonly string[] }): Promise<ReadonlyMap<string, { readonly assetId: string; readonly contentHash: string | null }>>;
  findUsers(query: { readonly departmentId: string; readonly field: UserMatchField; readonly values: readonly string[] }): Promise<ReadonlyMap<string, User>>;
  createUsers(input: { readonly departmentId: string; readonly source: string; readonly users: readonly EmployeeInput[] }): {
    readonly ids: ReadonlyMap<string, string>;
    readonly written: Promise<ReadonlyMap<string, string>>;
  };
  writeBatch(input: WriteBatchInput): Promise<BatchWriteOutput>;
  connectionAssets(connectionId: string): Promise<readonly ReconcileAssetRow[]>;
  applyLifecycle(input: { readonly runId: string; readonly actor: string; readonly changes: readonly LifecycleChangeInput[] }): Promise<void>;
}

/**
 * The register side of one sync run (SPEC §4.6–4.8): batched lookups, one transaction per batch, reference data
 * cached for the run. Build one per run.
 *
 * @example
 * const register: RegisterStore = createRegisterStore(store, { departmentId, dryRun: false });
 */
export function createRegisterStore(store: Store, options: RegisterStoreOptions): SyncRegisterStore {
  const now = options.now ?? (() => new Date());
  // A run keeps the writer it started with: if the thread dies mid-run its writes fail (and the run stops) rather
  // than half of them landing through another connection; the next run writes on the main connection.
  const writer = !options.dryRun && store.writer?.isRunning === true ? store.writer : null;
  // Employees asked for under one id and found to exist under another: writes naming the first go to the second.
  const userRemap = new Map<string, string>();
  const ctx = { store, departmentId: options.departmentId, dryRun: options.dryRun, now, growth: newGrowth(), writer, userRemap };
  const indexed = new Map<RegisterMatchField, Promise<void>>();
  // A dry run builds no index (it writes nothing at all); its lookups by an unindexed field scan instead.
  const ensureIndex = (field: RegisterMatchField): Promise<void> => {
    if (options.dryRun) return Promise.resolve();
    let done = indexed.get(field);
    if (done === undefined) {
      done = ensureLookupIndex(store.db, field);
      indexed.set(field, done);
      done.catch(() => indexed.delete(field));
    }
    return done;
  };
  // The port's promise: writes are applied in the order they were asked for, whether or not the caller awaited the
  // one before. The writer thread keeps that order itself; here a chain does, with a turn of the event loop between
  // writes so the API served by this process answers between them.
  let tail: Promise<unknown> = Promise.resolve();
  const inOrder = <T>(write: () => Promise<T>): Promise<T> => {
    if (writer !== null) return write();
    const next = tail.then(() => setImmediate()).then(write);
    tail = next.catch(() => undefined);
    return next;
  };
  return {
    references: createReferenceResolver(store, options),
    async findAssets(query) {
      await ensureIndex(query.matchField);
      return store.bulkRead((sql) => readAssets(sql, { ...query, maxBindParameters: store.capabilities.maxBindParameters }));
    },
    findAssetHashes: (query) =>
      store.bulkRead((sql) => readAssetHashes(sql, { ...query, maxBindParameters: store.capabilities.maxBindParameters })),
    findUsers: (query) => store.repos.users.findManyBy(query.departmentId, query.field, query.values),
    createUsers: (input) => {
      const ids = new Map(input.users.map((u) => [u.key, options.dryRun ? dryRunId('user', u.key) : newId()]));
      const written =
        writer === null
          ? inOrder(() => createEmployees(ctx, input, ids))
          : writer.call<ReadonlyMap<string, string>>(CREATE_USERS_OP, { at: now().toISOString(), input, ids } satisfies CreateUsersPayload);
      return { ids, written };
    },
    writeBatch: (input) => writeBatch(ctx, input, inOrder),
    connectionAssets: (connectionId) => connectionAssets(ctx, connectionId),
    applyLifecycle: async (input) => {
      if (writer === null) return inOrder(() => applyLifecycle(ctx, input));
      await writer.call(APPLY_LIFECYCLE_OP, { at: now().toISOString(), departmentId: options.departmentId, input } satisfies ApplyLifecyclePayload);
    },
  };
}
