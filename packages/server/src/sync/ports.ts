import type { Asset, AssetFields } from '../domain/asset.js';
import type { GraphUser } from '../domain/graph-user.js';
import type { ManagedDevice } from '../domain/managed-device.js';
import type { AssetStatusKey } from '../domain/status.js';
import type { User, UserMatchField } from '../domain/user.js';
import type { MatchField, PlaceNames, SkipReason } from './plan.js';

/**
 * What the sync pipeline needs from the outside world (STYLE §2, §5). `graph/` and `store/` implement these;
 * tests wire in-memory fakes. The pipeline imports nothing else that does I/O.
 */

/** The Intune tenant. */
export interface DeviceSource {
  /**
   * Every managed device, page by page, deduplicated by id, with `select` fields. Throws when the listing cannot
   * be completed: a run that did not see the whole tenant must not retire anything.
   *
   * @example
   * for await (const page of source.devices({ select: ['id', 'serialNumber'], signal })) handle(page);
   */
  devices(options: { readonly select: readonly string[]; readonly signal: AbortSignal }): AsyncIterable<readonly ManagedDevice[]>;
  /** GET-only fields for some devices (one GET with `$select` each, batched by 20); per-device failures are values. */
  enrich(
    ids: readonly string[],
    options: { readonly select: readonly string[]; readonly signal: AbortSignal },
  ): Promise<ReadonlyMap<string, ManagedDevice | Error>>;
  /** Entra users (for owner matching and creating employees), page by page. */
  users(options: { readonly signal: AbortSignal }): AsyncIterable<readonly GraphUser[]>;
  /**
   * Entra users by the values devices name their owner with (object id, userPrincipalName or mail, any case),
   * for a run that needs a few owners rather than the whole directory. Every key comes back lower-cased: the
   * user with that id, UPN or mail (the same fields as `users()`), or null when there is none. Throws when any
   * key cannot be looked up, as a failed `users()` listing does.
   *
   * @example
   * const found = await source.usersByKey(['Ada@Contoso.com'], { signal });
   * found.get('ada@contoso.com'); // GraphUser, or null: no such user
   */
  usersByKey(keys: readonly string[], options: { readonly signal: AbortSignal }): Promise<ReadonlyMap<string, GraphUser | null>>;
  /**
   * The union of the device members of these Entra groups (nested groups included), as lower-cased
   * azureADDeviceIds, for the group filter. Throws when any group cannot be read (unknown, or a permission
   * missing): a run must never mistake "could not read the group" for "the group is empty".
   *
   * @example
   * const members = await source.groupMembers(['5e3f9a0b-1c2d-4e5f-8a9b-0c1d2e3f4a5b'], { signal });
   * const kept = members.has((device.azureADDeviceId ?? '').toLowerCase());
   */
  groupMembers(groupIds: readonly string[], options: { readonly signal: AbortSignal }): Promise<ReadonlySet<string>>;
  /** Graph requests made so far (the run report's requests per device). */
  requestCount(): number;
}

/** Ids of the register's reference data, by name, created when missing (placeholders in a dry run). */
export interface ReferenceResolver {
  categoryId(input: { readonly category: string; readonly group: string }): Promise<string>;
  subStatusId(input: { readonly status: AssetStatusKey; readonly name: string }): Promise<string>;
  conditionId(name: string): Promise<string>;
  place(names: PlaceNames): Promise<{ readonly siteId: string; readonly locationId: string; readonly storeId: string }>;
  floorId(input: { readonly locationId: string; readonly name: string }): Promise<string>;
}

export interface NewEmployee {
  /** Lower-cased value of the allocation's user field, the key the batch refers to. */
  readonly key: string;
  readonly email: string;
  readonly upn: string | null;
  readonly employeeId: string | null;
  readonly samAccountName: string | null;
  readonly firstName: string;
  readonly lastName: string;
  readonly externalId: string | null;
}

export interface AssetCreate {
  readonly deviceId: string;
  readonly fields: AssetFields;
}

export interface AssetPatch {
  readonly deviceId: string;
  /** The asset as read for this batch; a concurrent change makes the update a conflict, not a lost write. */
  readonly before: Asset;
  readonly patch: Partial<AssetFields>;
}

export const DEVICE_OUTCOMES = ['created', 'updated', 'unchanged', 'skipped', 'duplicate', 'failed', 'retired', 'restored'] as const;
export type DeviceOutcome = (typeof DEVICE_OUTCOMES)[number];

/** One line of "the devices synced in this run" (SPEC §4.13); unchanged devices are counted, not listed. */
export interface DeviceOutcomeRecord {
  readonly deviceId: string;
  /** Intune's device name as the run saw it; a skipped or failed device has no asset to take a name from. */
  readonly deviceName: string | null;
  readonly outcome: DeviceOutcome;
  readonly reason: SkipReason | string | null;
  readonly assetId: string | null;
}

export interface BatchWrite {
  readonly creates: readonly AssetCreate[];
  readonly updates: readonly AssetPatch[];
  readonly outcomes: readonly DeviceOutcomeRecord[];
}

export interface BatchWriteResult {
  /** Device id → asset id of what was created. */
  readonly created: ReadonlyMap<string, string>;
  readonly updated: number;
  /** Updates whose `before` no longer matched (someone edited the asset meanwhile); retried next run. */
  readonly conflicts: readonly string[];
}

/** An asset of this connection as reconcile sees it (no full rows: 100,000 of these must stay cheap). */
export interface ReconcileAsset {
  readonly id: string;
  readonly intuneDeviceId: string | null;
  readonly statusKey: AssetStatusKey;
  readonly lastSeenInSourceAt: string | null;
  readonly missingFromSourceSince: string | null;
}

export interface LifecycleChange {
  readonly assetId: string;
  readonly statusKey?: AssetStatusKey;
  /** Set when the device left Intune, cleared (null) when it came back. */
  readonly missingFromSourceSince?: string | null;
  readonly reason: 'deleted_from_intune' | 'recovered' | 'inactive';
}

/** The register. Every method that writes is one transaction; nothing is half-written. */
export interface RegisterStore {
  readonly references: ReferenceResolver;
  /** Existing assets of the department linked to these Intune ids or matching these keys of the match field. */
  findAssets(query: {
    readonly departmentId: string;
    readonly intuneDeviceIds: readonly string[];
    readonly matchField: MatchField;
    readonly matchValues: readonly string[];
  }): Promise<readonly Asset[]>;
  /** Only the change-detection hash of the assets linked to these Intune ids (a re-sync needs no more for most). */
  findAssetHashes(query: { readonly departmentId: string; readonly intuneDeviceIds: readonly string[] }): Promise<ReadonlyMap<string, { readonly assetId: string; readonly contentHash: string | null }>>;
  /** Register users whose `field` equals one of `values` (case-insensitive), keyed by the lower-cased value. */
  findUsers(query: { readonly departmentId: string; readonly field: UserMatchField; readonly values: readonly string[] }): Promise<ReadonlyMap<string, User>>;
  /**
   * Creates employees (one transaction) and answers at once with key → the id each one gets, so the batches asked
   * for after it can allocate to them before it is written: the register applies its writes in the order asked.
   * `written` settles with the ids as written: an employee that exists by then (a concurrent run, or one made by
   * hand) is reused, and the writes that name the new id are pointed at the existing one.
   */
  createUsers(input: { readonly departmentId: string; readonly source: string; readonly users: readonly NewEmployee[] }): {
    readonly ids: ReadonlyMap<string, string>;
    readonly written: Promise<ReadonlyMap<string, string>>;
  };
  /** Writes one batch of a run in one transaction, with provenance and audit rows tagged with the run. */
  writeBatch(input: { readonly runId: string; readonly connectionId: string; readonly actor: string; readonly batch: BatchWrite }): Promise<BatchWriteResult>;
  /** The connection's assets, for reconcile (after a complete fetch only). */
  connectionAssets(connectionId: string): Promise<readonly ReconcileAsset[]>;
  applyLifecycle(input: { readonly runId: string; readonly actor: string; readonly changes: readonly LifecycleChange[] }): Promise<void>;
}

/** Wall-clock time, injectable so lifecycle thresholds can be tested. */
export interface Clock {
  now(): Date;
}

/** Progress for the CLI bar and the UI (stage, devices done, devices fetched so far). */
export interface ProgressEvent {
  readonly stage: 'users' | 'groups' | 'fetch' | 'write' | 'reconcile' | 'done';
  readonly devicesDone: number;
  readonly devicesFetched: number;
}
