import type { ManagedDevice } from '../domain/managed-device.js';
import { deviceMatchValue, matchKey } from '../domain/match-key.js';
import { serialKey } from '../domain/serial.js';
import type { User } from '../domain/user.js';
import { fieldsForCreate, patchForUpdate } from './asset-diff.js';
import type { DesiredAsset } from './asset-diff.js';
import { newEmployeeFor } from './owners.js';
import type { AssetCreate, AssetPatch, DeviceOutcomeRecord, NewEmployee } from './ports.js';
import { fail, failDevice, message, record, skip } from './run-state.js';
import type { Prepared, RunState, SerialHolder } from './run-state.js';
import type { MatchField } from './plan.js';

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
  /** The insert of the employees created for the page, asked for ahead of its batches; null when none. */
  readonly written: Promise<void> | null;
}

/**
 * Register users for the owners of the changed devices, creating employees the analyst allowed (SPEC §4.7). The
 * register hands out the new employees' ids at once and writes them ahead of the page's batches, so the page does
 * not wait for the insert.
 */
export async function resolveUsers(state: RunState, prepared: readonly Prepared[]): Promise<ResolvedUsers> {
  const { plan } = state;
  const none: ResolvedUsers = { byKey: new Map(), created: 0, written: null };
  if (!plan.allocation.enabled) return none;
  const keys = [...new Set(prepared.flatMap((p) => p.owner?.keys ?? []))];
  if (keys.length === 0) return none;
  // Taken before the lookup: an employee whose insert lands during it is then either found or still listed here.
  const pending = keys.flatMap((key): Array<[string, string]> => {
    const id = state.newEmployees.get(key);
    return id === undefined ? [] : [[key, id]];
  });
  const found = await state.timer.time('lookup', 0, () => state.register.findUsers({ departmentId: plan.departmentId, field: plan.allocation.userField, values: keys }));
  const byKey = new Map<string, string>([...found].map(([key, user]: [string, User]) => [key, user.id]));
  for (const [key, id] of pending) if (!byKey.has(key)) byKey.set(key, id);
  if (!plan.allocation.createMissingUsers) return { byKey, created: 0, written: null };
  const missing = new Map<string, NewEmployee>();
  for (const p of prepared) {
    if (p.owner === null || p.owner.keys.some((k) => byKey.has(k))) continue;
    const employee = newEmployeeFor(p.owner);
    if (employee !== null && !missing.has(employee.key)) missing.set(employee.key, employee);
  }
  if (missing.size === 0) return { byKey, created: 0, written: null };
  let written: Promise<void> | null = null;
  let created: ReadonlyMap<string, string>;
  if (state.dryRun) {
    created = new Map([...missing.keys()].map((key) => [key, `dry-run:user:${key}`]));
  } else {
    const asked = state.register.createUsers({ departmentId: plan.departmentId, source: `intune:${plan.connectionId}`, users: [...missing.values()] });
    created = asked.ids;
    // Once written the register finds them itself: the run forgets them, so it holds only the pages under way.
    written = state.timer.time('write', 0, () => asked.written).then((ids) => {
      for (const key of created.keys()) state.newEmployees.delete(key);
      // Employees found to exist by the time of the insert (a concurrent run) were reused, not created.
      for (const [key, id] of ids) if (created.get(key) !== id) state.counts.usersCreated -= 1;
    });
  }
  for (const [key, id] of created) {
    byKey.set(key, id);
    if (written !== null) state.newEmployees.set(key, id);
  }
  state.counts.usersCreated += created.size;
  return { byKey, created: created.size, written };
}

type PendingUpdate = AssetPatch & { allocated: boolean; deviceName: string | null };
type PendingCreate = AssetCreate & { allocated: boolean };

/** What a page asked the register to write (filled as it asks): each settles when its write and bookkeeping are done. */
export interface PageWrites {
  readonly writes: Promise<void>[];
  /** Serial and match keys of the devices written (write-behind.ts waits on them). */
  readonly keys: Set<string>;
}

/**
 * Diffs the page and asks the register for its writes in batches, without waiting for them: the register applies
 * them in order while the next page is read and mapped. Creates go in Intune id order: neighbours in that order land
 * on neighbouring pages of the register's Intune id index, so each commit rewrites fewer pages of it (a page's ~900
 * creates in random order touched ~50 leaf pages per batch of 50, sorted ~15). A batch is asked for as soon as it is
 * full, so the register starts on it while the rest of the page is diffed.
 */
export async function writeChanged(state: RunState, prepared: readonly Prepared[], users: ResolvedUsers, out: PageWrites): Promise<void> {
  const { plan } = state;
  const size = Math.max(1, plan.batchSize);
  const page: PageContext = { devices: new Map(prepared.map((p) => [p.candidate.device.id, p.candidate.device])), holders: state.pageHolders };
  const sorted = [...prepared].sort((a, b) => compareIds(a.candidate.device.id, b.candidate.device.id));
  let creates: PendingCreate[] = [];
  const updates: PendingUpdate[] = [];
  await state.timer.time('diff', prepared.length, async () => {
    for (const p of sorted) {
      const { device } = p.candidate;
      const userId = p.owner?.keys.map((k) => users.byKey.get(k)).find((id) => id !== undefined) ?? null;
      const desired = await desiredAsset(state, p, userId);
      if (p.existing === null) {
        if (!plan.match.createNew) {
          skip(state, device, 'skipped', 'create_disabled');
          continue;
        }
        const fields = fieldsForCreate(desired, state.diffContext);
        // A full batch goes once the next create shows it is not the page's last (the last one carries the outcomes).
        if (creates.length === size) {
          out.writes.push(writeBatch(state, page, creates, [], []));
          creates = [];
        }
        creates.push({ deviceId: device.id, fields, allocated: fields.allocatedUserId !== null });
        for (const key of writeKeys(plan.match.field, device)) out.keys.add(key);
        state.diff?.push({ deviceId: device.id, deviceName: device.deviceName ?? null, action: 'create', changes: describeCreate(fields) });
        continue;
      }
      const { patch, changes } = patchForUpdate(p.existing, desired, state.diffContext);
      const allocated = patch.allocatedUserId !== undefined && patch.allocatedUserId !== null;
      updates.push({ deviceId: device.id, deviceName: device.deviceName ?? null, before: p.existing, patch, allocated });
      for (const key of writeKeys(plan.match.field, device)) out.keys.add(key);
      const isUpdate = changes.some((c) => !BOOKKEEPING_FIELDS.has(c.field));
      state.diff?.push({
        deviceId: device.id,
        deviceName: device.deviceName ?? null,
        action: isUpdate ? 'update' : 'unchanged',
        ...(isUpdate ? { changes } : {}),
      });
    }
  });
  const rest: Array<{ creates: PendingCreate[]; updates: PendingUpdate[] }> = [];
  if (creates.length > 0) rest.push({ creates, updates: [] });
  for (let i = 0; i < updates.length; i += size) rest.push({ creates: [], updates: updates.slice(i, i + size) });
  // The page's last batch also carries the outcomes of the devices it skipped so far: one transaction (and on
  // PostgreSQL one round trip) less per page than writing them on their own.
  rest.forEach((batch, i) => out.writes.push(writeBatch(state, page, batch.creates, batch.updates, i === rest.length - 1 ? state.pendingOutcomes.splice(0) : [])));
}

/** The page a batch came from: its devices (for failures) and its serial holders (for outcomes). */
interface PageContext {
  readonly devices: ReadonlyMap<string, ManagedDevice>;
  readonly holders: Map<string, SerialHolder>;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The keys a later page's device must not be looked up by while this device's write is under way. */
export function writeKeys(field: MatchField, device: ManagedDevice): string[] {
  const keys: string[] = [];
  const serial = serialKey(device.serialNumber);
  if (serial !== null) keys.push(`serial\u0000${serial}`);
  const match = matchKey(field, deviceMatchValue(device, field));
  if (match !== null) keys.push(`${field}\u0000${match}`);
  return keys;
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
 * run stops. The register is asked at once (this call), the result handled when it comes.
 */
async function writeBatch(
  state: RunState,
  page: PageContext,
  creates: readonly PendingCreate[],
  updates: readonly PendingUpdate[],
  carried: readonly DeviceOutcomeRecord[],
): Promise<void> {
  const size = creates.length + updates.length;
  try {
    await state.timer.time('write', size, () => commit(state, page, creates, updates, carried));
    return;
  } catch (error) {
    // Nothing of the batch was written: the carried outcomes go to a later flush.
    state.pendingOutcomes.push(...carried);
    if (size === 1) throw error;
  }
  let failures = 0;
  let lastError: unknown;
  for (const create of creates) {
    try {
      await commit(state, page, [create], []);
    } catch (error) {
      failures += 1;
      lastError = error;
      failDevice(state, page.devices.get(create.deviceId), create.deviceId, error);
    }
  }
  for (const update of updates) {
    try {
      await commit(state, page, [], [update]);
    } catch (error) {
      failures += 1;
      lastError = error;
      failDevice(state, page.devices.get(update.deviceId), update.deviceId, error);
    }
  }
  if (failures === size) throw new Error(`the register refused every write of a batch: ${message(lastError)}`, { cause: lastError });
}

async function commit(
  state: RunState,
  page: PageContext,
  creates: readonly PendingCreate[],
  updates: readonly PendingUpdate[],
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
    record(state, create.deviceId, 'created', page.holders);
    if (create.allocated) state.counts.allocated += 1;
  }
  for (const update of updates) {
    if (conflicts.has(update.deviceId)) {
      state.counts.conflicts += 1;
      fail(state, { id: update.deviceId, deviceName: update.deviceName }, 'write', 'asset_changed_meanwhile', 'the asset was edited while the run read it; it is synced again next run');
      continue;
    }
    record(state, update.deviceId, isContentChange(update.patch) ? 'updated' : 'unchanged', page.holders);
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

