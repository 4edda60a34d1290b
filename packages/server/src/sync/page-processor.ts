import type { Asset } from '../domain/asset.js';
import type { ManagedDevice } from '../domain/managed-device.js';
import { assetMatchKeys, deviceMatchValue, matchKey } from '../domain/match-key.js';
import { serialKey } from '../domain/serial.js';
import type { User } from '../domain/user.js';
import type { DeviceType } from '../rules/device-type-rules.js';
import { fieldsForCreate, patchForUpdate } from './asset-diff.js';
import type { DesiredAsset, DiffContext } from './asset-diff.js';
import { canonicalHash } from './canonical-hash.js';
import { newEmployeeFor, ownerOf } from './owners.js';
import type { OwnerDirectory, OwnerLookup } from './owners.js';
import type { CategoryChoice, FilterContext, MappedAsset, SkipReason, SyncPlan } from './plan.js';
import type { AssetCreate, AssetPatch, DeviceOutcome, DeviceOutcomeRecord, DeviceSource, NewEmployee, RegisterStore } from './ports.js';
import { countOutcome, uncountOutcome } from './run-report.js';
import type { DeviceDiff, DeviceError, RunCounts, Stage } from './run-report.js';
import type { StageTimer } from './stage-timer.js';

export interface RunState {
  readonly plan: SyncPlan;
  readonly source: DeviceSource;
  readonly register: RegisterStore;
  readonly directory: OwnerDirectory;
  /** Reads the Entra directory the first time a page has a device to allocate; an unchanged re-sync never does. */
  ensureDirectory(): Promise<void>;
  readonly timer: StageTimer;
  readonly counts: RunCounts;
  readonly diff: DeviceDiff[] | null;
  readonly signal: AbortSignal;
  readonly runId: string;
  /** A dry run never calls the register's writing methods (the register is also told, as a second guard). */
  readonly dryRun: boolean;
  readonly settingsHash: string;
  readonly diffContext: DiffContext;
  /** Group membership for the group filter, loaded once before the first page. */
  filterContext: FilterContext;
  recordError(error: DeviceError): void;
  /** The device that currently holds each serial in this run, and the outcome it got (duplicates, §4.7). */
  readonly serialHolders: Map<string, SerialHolder>;
  /** This page's devices that hold a serial, by device id, so their outcome lands on the holder. */
  readonly pageHolders: Map<string, SerialHolder>;
  /** Skip, duplicate and failure outcomes of the page, written to the run's device list at the end of the page. */
  readonly pendingOutcomes: DeviceOutcomeRecord[];
}

export interface SerialHolder {
  readonly deviceId: string;
  readonly lastSyncMs: number;
  outcome: DeviceOutcome | null;
}

interface Candidate {
  readonly device: ManagedDevice;
  readonly type: DeviceType | null;
  readonly choice: CategoryChoice;
}

interface Prepared {
  readonly candidate: Candidate;
  readonly existing: Asset | null;
  readonly mapped: MappedAsset;
  readonly owner: OwnerLookup | null;
  readonly hash: string;
}

const REASSIGNABLE_OUTCOMES = new Set<DeviceOutcome>(['created', 'updated', 'unchanged']);

/** One page of devices (≤ 1000) through filter → classify → dedupe → lookup → map → enrich → diff → write. */
export async function processPage(state: RunState, devices: readonly ManagedDevice[]): Promise<void> {
  const { plan, timer } = state;
  state.pageHolders.clear();
  const candidates = timer.timeSync('filter', devices.length, () => filterAndClassify(state, devices));
  const kept = dedupeBySerial(state, candidates);
  // What Intune said about the device (its list fields as received, the owner among them) and the settings:
  // when neither moved since the last run, the mapping would give the same result, so nothing more is done.
  const hashes = timer.timeSync('map', 0, () => new Map(kept.map((c) => [c.device.id, canonicalHash({ s: state.settingsHash, d: c.device })])));
  const stored = await timer.time('lookup', kept.length, () =>
    state.register.findAssetHashes({ departmentId: plan.departmentId, intuneDeviceIds: kept.map((c) => c.device.id) }),
  );
  const rest = kept.filter((c) => {
    const known = stored.get(c.device.id);
    if (known === undefined || known.contentHash !== hashes.get(c.device.id)) return true;
    record(state, c.device.id, 'unchanged');
    state.diff?.push({ deviceId: c.device.id, deviceName: c.device.deviceName ?? null, action: 'unchanged' });
    return false;
  });
  if (rest.length === 0) {
    await flushOutcomes(state);
    return;
  }
  const existing = await timer.time('lookup', 0, () => lookupExisting(state, rest));
  if (plan.allocation.enabled) await state.ensureDirectory();
  const prepared: Prepared[] = [];
  timer.timeSync('map', rest.length, () => {
    for (const candidate of rest) {
      const { device } = candidate;
      const asset = existing.get(device.id) ?? null;
      if (asset !== null && isOlderThanAsset(device, asset)) {
        skip(state, device, 'duplicate', 'duplicate_serial');
        continue;
      }
      const owner = plan.allocation.enabled ? ownerOf(device, plan.allocation, state.directory) : null;
      const mapped = plan.map(device);
      if (!mapped.ok) {
        fail(state, device, 'map', mapped.code, `${mapped.field}: ${mapped.message}`);
        continue;
      }
      prepared.push({ candidate, existing: asset, mapped: mapped.value, owner, hash: hashes.get(device.id) ?? '' });
    }
  });
  const changed = prepared;
  if (changed.length > 0) {
    const enriched = await enrich(state, changed);
    const users = await resolveUsers(state, enriched);
    await writeChanged(state, enriched, users);
  }
  await flushOutcomes(state);
}

/** The run's list of devices that did not sync (SPEC §4.13), one write per page; unchanged devices are only counted. */
async function flushOutcomes(state: RunState): Promise<void> {
  if (state.pendingOutcomes.length === 0) return;
  const outcomes = state.pendingOutcomes.splice(0);
  if (state.dryRun) return;
  await state.timer.time('write', 0, () =>
    state.register.writeBatch({ runId: state.runId, connectionId: state.plan.connectionId, actor: state.plan.integrationUser, batch: { creates: [], updates: [], outcomes } }),
  );
}

function filterAndClassify(state: RunState, devices: readonly ManagedDevice[]): Candidate[] {
  const out: Candidate[] = [];
  for (const device of devices) {
    const type = state.plan.detectType(device);
    const reason = state.plan.filter(device, type, state.filterContext);
    if (reason !== null) {
      skip(state, device, 'skipped', reason);
      continue;
    }
    const choice = state.plan.classify(device, type);
    if (choice === null) {
      skip(state, device, 'skipped', 'no_category');
      continue;
    }
    out.push({ device, type, choice });
  }
  return out;
}

/**
 * Two Intune records with one serial (a re-enrolled device): the one with the latest lastSyncDateTime wins and
 * the other is a duplicate, never a second asset (SPEC §4.7). Pages arrive in name order, so a later page can
 * hold the winner: the earlier device's outcome is then turned into a duplicate and the winner takes the asset over.
 */
function dedupeBySerial(state: RunState, candidates: readonly Candidate[]): Candidate[] {
  const kept = new Map<string, Candidate>();
  const out: Candidate[] = [];
  for (const candidate of candidates) {
    const key = serialKey(candidate.device.serialNumber);
    if (key === null) {
      out.push(candidate);
      continue;
    }
    const lastSyncMs = Date.parse(candidate.device.lastSyncDateTime ?? '') || 0;
    const holder = state.serialHolders.get(key);
    if (holder !== undefined && holder.deviceId !== candidate.device.id) {
      if (lastSyncMs <= holder.lastSyncMs) {
        skip(state, candidate.device, 'duplicate', 'duplicate_serial');
        continue;
      }
      const earlier = kept.get(key);
      if (earlier !== undefined) {
        kept.delete(key);
        skip(state, earlier.device, 'duplicate', 'duplicate_serial');
      } else if (holder.outcome !== null && REASSIGNABLE_OUTCOMES.has(holder.outcome)) {
        uncountOutcome(state.counts, holder.outcome as 'created' | 'updated' | 'unchanged');
        countOutcome(state.counts, 'duplicate');
        state.pendingOutcomes.push({ deviceId: holder.deviceId, outcome: 'duplicate', reason: 'duplicate_serial', assetId: null });
      }
    }
    const holderOfThis: SerialHolder = { deviceId: candidate.device.id, lastSyncMs, outcome: null };
    state.serialHolders.set(key, holderOfThis);
    state.pageHolders.set(candidate.device.id, holderOfThis);
    kept.set(key, candidate);
    out.push(candidate);
  }
  return out.filter((c) => {
    const key = serialKey(c.device.serialNumber);
    return key === null || kept.get(key) === c;
  });
}

/** Existing assets for the page: linked Intune id first, then the configured match field (SPEC §4.7). */
async function lookupExisting(state: RunState, candidates: readonly Candidate[]): Promise<Map<string, Asset>> {
  const { plan } = state;
  const field = plan.match.field;
  const query = { departmentId: plan.departmentId, matchField: field };
  // Linked assets first; only the devices not linked yet are looked up by the match field, so a re-sync reads
  // each asset once instead of twice.
  const linked = await state.register.findAssets({ ...query, intuneDeviceIds: candidates.map((c) => c.device.id), matchValues: [] });
  const out = new Map<string, Asset>();
  const claimed = new Set<string>();
  for (const asset of linked) {
    if (asset.intuneDeviceId === null || claimed.has(asset.id)) continue;
    out.set(asset.intuneDeviceId, asset);
    claimed.add(asset.id);
  }
  const unlinked = candidates.filter((c) => !out.has(c.device.id));
  const matchValues = unlinked.map((c) => deviceMatchValue(c.device, field)).filter((v): v is string => v !== null);
  if (matchValues.length === 0) return out;
  const matched = await state.register.findAssets({ ...query, intuneDeviceIds: [], matchValues });
  const byKey = new Map<string, Asset>();
  for (const asset of matched) {
    for (const key of assetMatchKeys(asset, field)) {
      const current = byKey.get(key);
      // A register that already holds two assets for one key: prefer this connection's, then the oldest.
      if (current === undefined || isPreferred(asset, current, plan.connectionId)) byKey.set(key, asset);
    }
  }
  for (const { device } of unlinked) {
    const key = matchKey(field, deviceMatchValue(device, field));
    const asset = key === null ? undefined : byKey.get(key);
    if (asset !== undefined && !claimed.has(asset.id)) {
      out.set(device.id, asset);
      claimed.add(asset.id);
    }
  }
  return out;
}

function isPreferred(candidate: Asset, current: Asset, connectionId: string): boolean {
  const mine = (a: Asset): boolean => a.sourceConnectionId === connectionId;
  if (mine(candidate) !== mine(current)) return mine(candidate);
  return candidate.createdAt < current.createdAt;
}

/** An asset already linked to a newer Intune record of the same device: this record is the stale duplicate. */
function isOlderThanAsset(device: ManagedDevice, asset: Asset): boolean {
  if (asset.intuneDeviceId === null || asset.intuneDeviceId === device.id || asset.lastSeenInSourceAt === null) return false;
  return (Date.parse(device.lastSyncDateTime ?? '') || 0) < Date.parse(asset.lastSeenInSourceAt);
}

/** GET-only fields, fetched only for new devices or devices whose lastSyncDateTime moved (SPEC §4.4). */
async function enrich(state: RunState, prepared: readonly Prepared[]): Promise<Prepared[]> {
  const { plan } = state;
  if (plan.enrichFields.length === 0) return [...prepared];
  const needing = prepared.filter((p) => p.existing === null || p.existing.lastSeenInSourceAt !== p.candidate.device.lastSyncDateTime);
  if (needing.length === 0) return [...prepared];
  const results = await state.timer.time('enrich', needing.length, () =>
    state.source.enrich(
      needing.map((p) => p.candidate.device.id),
      { select: plan.enrichFields, signal: state.signal },
    ),
  );
  const out: Prepared[] = [];
  for (const p of prepared) {
    const result = results.get(p.candidate.device.id);
    if (result === undefined) {
      out.push(p);
      continue;
    }
    if (result instanceof Error) {
      // The device still syncs with its list fields; null protection keeps what the register had.
      state.recordError({ deviceId: p.candidate.device.id, stage: 'enrich', code: 'enrich_failed', message: result.message });
      out.push(p);
      continue;
    }
    const device: ManagedDevice = { ...p.candidate.device, ...result, id: p.candidate.device.id };
    const mapped = plan.map(device);
    if (!mapped.ok) {
      fail(state, device, 'map', mapped.code, `${mapped.field}: ${mapped.message}`);
      continue;
    }
    out.push({ ...p, candidate: { ...p.candidate, device }, mapped: mapped.value });
  }
  return out;
}

interface ResolvedUsers {
  readonly byKey: ReadonlyMap<string, string>;
  readonly created: number;
}

/** Register users for the owners of the changed devices, creating employees the analyst allowed (SPEC §4.7). */
async function resolveUsers(state: RunState, prepared: readonly Prepared[]): Promise<ResolvedUsers> {
  const { plan } = state;
  if (!plan.allocation.enabled) return { byKey: new Map(), created: 0 };
  const keys = [...new Set(prepared.flatMap((p) => p.owner?.keys ?? []))];
  if (keys.length === 0) return { byKey: new Map(), created: 0 };
  const found = await state.timer.time('lookup', 0, () => state.register.findUsers({ departmentId: plan.departmentId, field: plan.allocation.userField, values: keys }));
  const byKey = new Map<string, string>([...found].map(([key, user]: [string, User]) => [key, user.id]));
  if (!plan.allocation.createMissingUsers) return { byKey, created: 0 };
  const missing = new Map<string, NewEmployee>();
  for (const p of prepared) {
    if (p.owner === null || p.owner.keys.some((k) => byKey.has(k))) continue;
    const employee = newEmployeeFor(p.owner);
    if (employee !== null && !missing.has(employee.key)) missing.set(employee.key, employee);
  }
  if (missing.size === 0) return { byKey, created: 0 };
  const created = state.dryRun
    ? new Map([...missing.keys()].map((key) => [key, `dry-run:user:${key}`]))
    : await state.timer.time('write', 0, () => state.register.createUsers({ departmentId: plan.departmentId, source: `intune:${plan.connectionId}`, users: [...missing.values()] }));
  for (const [key, id] of created) byKey.set(key, id);
  state.counts.usersCreated += created.size;
  return { byKey, created: created.size };
}

async function writeChanged(state: RunState, prepared: readonly Prepared[], users: ResolvedUsers): Promise<void> {
  const { plan } = state;
  const creates: Array<AssetCreate & { allocated: boolean }> = [];
  const updates: Array<AssetPatch & { allocated: boolean }> = [];
  await state.timer.time('diff', prepared.length, async () => {
    for (const p of prepared) {
      const { device } = p.candidate;
      const userId = p.owner?.keys.map((k) => users.byKey.get(k)).find((id) => id !== undefined) ?? null;
      const desired = await desiredAsset(state, p, userId);
      if (p.existing === null) {
        if (!plan.match.createNew) {
          skip(state, device, 'skipped', 'create_disabled');
          continue;
        }
        const fields = fieldsForCreate(desired, state.diffContext);
        creates.push({ deviceId: device.id, fields, allocated: fields.allocatedUserId !== null });
        state.diff?.push({ deviceId: device.id, deviceName: device.deviceName ?? null, action: 'create', changes: describeCreate(fields) });
        continue;
      }
      const { patch, changes } = patchForUpdate(p.existing, desired, state.diffContext);
      const allocated = patch.allocatedUserId !== undefined && patch.allocatedUserId !== null;
      updates.push({ deviceId: device.id, before: p.existing, patch, allocated });
      const isUpdate = changes.some((c) => !BOOKKEEPING_FIELDS.has(c.field));
      state.diff?.push({
        deviceId: device.id,
        deviceName: device.deviceName ?? null,
        action: isUpdate ? 'update' : 'unchanged',
        ...(isUpdate ? { changes } : {}),
      });
    }
  });
  const byDevice = new Map(prepared.map((p) => [p.candidate.device.id, p.candidate.device]));
  const size = Math.max(1, plan.batchSize);
  for (let i = 0; i < creates.length; i += size) await writeBatch(state, creates.slice(i, i + size), [], byDevice);
  for (let i = 0; i < updates.length; i += size) await writeBatch(state, [], updates.slice(i, i + size), byDevice);
}

async function desiredAsset(state: RunState, p: Prepared, userId: string | null): Promise<DesiredAsset> {
  const { plan, register } = state;
  const refs = register.references;
  const { choice } = p.candidate;
  const categoryId = await refs.categoryId({ category: choice.category, group: choice.group });
  const inStoreSubStatusId = choice.defaults.subStatus === null ? null : await refs.subStatusId({ status: 'in_store', name: choice.defaults.subStatus });
  const conditionId = choice.defaults.condition === null ? null : await refs.conditionId(choice.defaults.condition);
  const storeNames = choice.defaults.store ?? plan.defaultStore;
  const place = storeNames === null ? null : await refs.place(storeNames);
  const floorId = place !== null && userId !== null && plan.allocation.floor !== null ? await refs.floorId({ locationId: place.locationId, name: plan.allocation.floor }) : null;
  const allocatedSubStatusId = userId !== null && plan.allocation.subStatus !== null ? await refs.subStatusId({ status: 'allocated', name: plan.allocation.subStatus }) : null;
  return {
    deviceId: p.candidate.device.id,
    mapped: p.mapped,
    categoryId,
    inStoreSubStatusId,
    conditionId,
    place,
    floorId,
    allocateToUserId: userId,
    isOwnerUnmatched: p.owner !== null && p.owner.owner !== null && userId === null,
    allocatedSubStatusId,
    contentHash: p.hash,
  };
}

/**
 * Writes one transaction. When it fails, each device is retried alone so one bad device cannot sink 49 good
 * ones (isolation, SPEC §4); when every device of the batch fails alone too, the store itself is down and the
 * run stops.
 */
async function writeBatch(
  state: RunState,
  creates: ReadonlyArray<AssetCreate & { allocated: boolean }>,
  updates: ReadonlyArray<AssetPatch & { allocated: boolean }>,
  devices: ReadonlyMap<string, ManagedDevice>,
): Promise<void> {
  const size = creates.length + updates.length;
  try {
    await state.timer.time('write', size, () => commit(state, creates, updates));
    return;
  } catch (error) {
    if (size === 1) throw error;
  }
  let failures = 0;
  let lastError: unknown;
  for (const create of creates) {
    try {
      await commit(state, [create], []);
    } catch (error) {
      failures += 1;
      lastError = error;
      failDevice(state, devices.get(create.deviceId), create.deviceId, error);
    }
  }
  for (const update of updates) {
    try {
      await commit(state, [], [update]);
    } catch (error) {
      failures += 1;
      lastError = error;
      failDevice(state, devices.get(update.deviceId), update.deviceId, error);
    }
  }
  if (failures === size) throw new Error(`the register refused every write of a batch: ${message(lastError)}`, { cause: lastError });
}

async function commit(
  state: RunState,
  creates: ReadonlyArray<AssetCreate & { allocated: boolean }>,
  updates: ReadonlyArray<AssetPatch & { allocated: boolean }>,
): Promise<void> {
  // Created devices are not listed again in the run's device list: their creation audit row carries the run id
  // and the device id. 100,000 extra rows would cost a first sync seconds.
  const outcomes: DeviceOutcomeRecord[] = [
    ...updates
      .filter((u) => isContentChange(u.patch))
      .map((u) => ({ deviceId: u.deviceId, outcome: 'updated' as const, reason: null, assetId: u.before.id })),
  ];
  const result = state.dryRun
    ? { created: new Map(creates.map((c) => [c.deviceId, `dry-run:asset:${c.deviceId}`])), updated: updates.length, conflicts: [] }
    : await state.register.writeBatch({
        runId: state.runId,
        connectionId: state.plan.connectionId,
        actor: state.plan.integrationUser,
        batch: { creates: creates.map(({ deviceId, fields }) => ({ deviceId, fields })), updates: updates.map(({ deviceId, before, patch }) => ({ deviceId, before, patch })), outcomes },
      });
  const conflicts = new Set(result.conflicts);
  for (const create of creates) {
    record(state, create.deviceId, 'created');
    if (create.allocated) state.counts.allocated += 1;
  }
  for (const update of updates) {
    if (conflicts.has(update.deviceId)) {
      state.counts.conflicts += 1;
      fail(state, { id: update.deviceId }, 'write', 'asset_changed_meanwhile', 'the asset was edited while the run read it; it is synced again next run');
      continue;
    }
    record(state, update.deviceId, isContentChange(update.patch) ? 'updated' : 'unchanged');
    if (update.allocated) state.counts.allocated += 1;
  }
}

// A device that only checked in (lastSyncDateTime moved) is written, so "last seen" and the inactive rule stay
// right, but it is not an update of the register: real devices check in many times a day.
const BOOKKEEPING_FIELDS: ReadonlySet<string> = new Set(['contentHash', 'lastSeenInSourceAt']);

function isContentChange(patch: object): boolean {
  return Object.keys(patch).some((field) => !BOOKKEEPING_FIELDS.has(field));
}

function describeCreate(fields: object): Array<{ field: string; old: unknown; new: unknown }> {
  return Object.entries(fields)
    .filter(([field, value]) => value !== null && field !== 'contentHash' && !(typeof value === 'object' && Object.keys(value as object).length === 0))
    .map(([field, value]) => ({ field, old: null, new: field === 'activationLockBypassCodeEncrypted' ? '[redacted]' : value }));
}

function record(state: RunState, deviceId: string, outcome: 'created' | 'updated' | 'unchanged'): void {
  countOutcome(state.counts, outcome);
  const holder = state.pageHolders.get(deviceId);
  if (holder !== undefined) holder.outcome = outcome;
}

function skip(state: RunState, device: ManagedDevice, outcome: 'skipped' | 'duplicate', reason: SkipReason): void {
  countOutcome(state.counts, outcome, reason);
  state.pendingOutcomes.push({ deviceId: device.id, outcome, reason, assetId: null });
  state.diff?.push({ deviceId: device.id, deviceName: device.deviceName ?? null, action: outcome === 'duplicate' ? 'duplicate' : 'skip', reason });
}

function fail(state: RunState, device: Pick<ManagedDevice, 'id'> & Partial<ManagedDevice>, stage: Stage, code: string, text: string): void {
  countOutcome(state.counts, 'failed');
  state.pendingOutcomes.push({ deviceId: device.id, outcome: 'failed', reason: `${stage}:${code}`, assetId: null });
  state.recordError({ deviceId: device.id, stage, code, message: text });
  state.diff?.push({ deviceId: device.id, deviceName: device.deviceName ?? null, action: 'fail', reason: `${code}: ${text}` });
}

function failDevice(state: RunState, device: ManagedDevice | undefined, deviceId: string, error: unknown): void {
  fail(state, device ?? { id: deviceId }, 'write', 'write_failed', message(error));
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
