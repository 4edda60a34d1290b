import type { ManagedDevice } from '../domain/managed-device.js';
import type { User } from '../domain/user.js';
import { fieldsForCreate, patchForUpdate } from './asset-diff.js';
import type { DesiredAsset } from './asset-diff.js';
import { eventLoopTurn } from './event-loop-turn.js';
import { newEmployeeFor } from './owners.js';
import type { AssetCreate, AssetPatch, DeviceOutcomeRecord, NewEmployee } from './ports.js';
import { fail, failDevice, message, record, skip } from './run-state.js';
import type { Prepared, RunState } from './run-state.js';

/** GET-only fields, fetched only for new devices or devices whose lastSyncDateTime moved (SPEC §4.4). */
export async function enrich(state: RunState, prepared: readonly Prepared[]): Promise<Prepared[]> {
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

export interface ResolvedUsers {
  readonly byKey: ReadonlyMap<string, string>;
  readonly created: number;
}

/** Register users for the owners of the changed devices, creating employees the analyst allowed (SPEC §4.7). */
export async function resolveUsers(state: RunState, prepared: readonly Prepared[]): Promise<ResolvedUsers> {
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

type PendingUpdate = AssetPatch & { allocated: boolean; deviceName: string | null };

export async function writeChanged(state: RunState, prepared: readonly Prepared[], users: ResolvedUsers): Promise<void> {
  const { plan } = state;
  const creates: Array<AssetCreate & { allocated: boolean }> = [];
  const updates: Array<PendingUpdate> = [];
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
      updates.push({ deviceId: device.id, deviceName: device.deviceName ?? null, before: p.existing, patch, allocated });
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
  // Which devices share a transaction is free; neighbours in Intune id order land on neighbouring pages of the
  // register's Intune id index, so each commit rewrites fewer pages of it (a page's ~900 creates in random order
  // touched ~50 leaf pages per batch of 50, sorted ~15).
  creates.sort((a, b) => (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0));
  const size = Math.max(1, plan.batchSize);
  // The page's last batch also carries the outcomes of the devices it skipped so far: one transaction (and on
  // PostgreSQL one round trip) less per page than writing them on their own.
  for (let i = 0; i < creates.length; i += size) {
    await eventLoopTurn();
    await writeBatch(state, creates.slice(i, i + size), [], byDevice, updates.length === 0 && i + size >= creates.length);
  }
  for (let i = 0; i < updates.length; i += size) {
    await eventLoopTurn();
    await writeBatch(state, [], updates.slice(i, i + size), byDevice, i + size >= updates.length);
  }
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
  updates: ReadonlyArray<PendingUpdate>,
  devices: ReadonlyMap<string, ManagedDevice>,
  carriesPending: boolean,
): Promise<void> {
  const size = creates.length + updates.length;
  const carried = carriesPending ? state.pendingOutcomes.splice(0) : [];
  try {
    await state.timer.time('write', size, () => commit(state, creates, updates, carried));
    return;
  } catch (error) {
    // Nothing of the batch was written: the carried outcomes go back to the page's own flush.
    state.pendingOutcomes.unshift(...carried);
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
  updates: ReadonlyArray<PendingUpdate>,
  carried: readonly DeviceOutcomeRecord[] = [],
): Promise<void> {
  // Created devices are not listed again in the run's device list: their creation audit row carries the run id
  // and the device id. 100,000 extra rows would cost a first sync seconds.
  const outcomes: DeviceOutcomeRecord[] = [
    ...carried,
    ...updates
      .filter((u) => isContentChange(u.patch))
      .map((u) => ({ deviceId: u.deviceId, deviceName: u.deviceName, outcome: 'updated' as const, reason: null, assetId: u.before.id })),
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
      fail(state, { id: update.deviceId, deviceName: update.deviceName }, 'write', 'asset_changed_meanwhile', 'the asset was edited while the run read it; it is synced again next run');
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

