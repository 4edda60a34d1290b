import type { ManagedDevice } from '../domain/managed-device.js';
import { serialKey } from '../domain/serial.js';
import { canonicalHash } from './canonical-hash.js';
import { eventLoopTurn } from './event-loop-turn.js';
import { isOlderThanAsset, lookupExisting } from './match-stage.js';
import { ownerOf } from './owners.js';
import type { DeviceOutcome } from './ports.js';
import { countOutcome, uncountOutcome } from './run-report.js';
import { fail, record, skip } from './run-state.js';
import type { Candidate, Prepared, RunState, SerialHolder } from './run-state.js';
import { enrich, resolveUsers, writeChanged, writeKeys } from './write-stage.js';
import type { PageWrites } from './write-stage.js';

export type { RunState, SerialHolder } from './run-state.js';

const REASSIGNABLE_OUTCOMES = new Set<DeviceOutcome>(['created', 'updated', 'unchanged']);

/** One page of devices (≤ 1000) through filter → classify → dedupe → lookup → map → enrich → diff → write. */
export async function processPage(state: RunState, devices: readonly ManagedDevice[]): Promise<void> {
  const { plan, timer } = state;
  state.pageHolders = new Map();
  const candidates = timer.timeSync('filter', devices.length, () => filterAndClassify(state, devices));
  // Earlier pages' writes may still be under way: a device that shares a serial or match key with one of them waits
  // for it, so its lookup finds that asset and the serial's holder knows its outcome.
  await state.writes.before(candidates.flatMap((c) => writeKeys(plan.match.field, c.device)));
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
    flushOutcomes(state);
    return;
  }
  await eventLoopTurn();
  // Owners are asked for while the register is searched: the Graph round trip overlaps the lookup query. (The
  // stale record of a re-enrolled device, skipped just below, costs its owner one lookup per run.)
  const owners = plan.allocation.enabled ? state.ensureDirectory(rest.map((c) => c.device)) : undefined;
  owners?.catch(() => undefined);
  const existing = await timer.time('lookup', 0, () => lookupExisting(state, rest, new Set(stored.keys())));
  // The older record of a re-enrolled device comes back every run; it needs neither mapping nor the directory.
  const current = rest.filter((candidate) => {
    const asset = existing.get(candidate.device.id) ?? null;
    if (asset === null || !isOlderThanAsset(candidate.device, asset)) return true;
    skip(state, candidate.device, 'duplicate', 'duplicate_serial');
    return false;
  });
  if (owners !== undefined) await owners;
  await eventLoopTurn();
  const prepared: Prepared[] = [];
  timer.timeSync('map', current.length, () => {
    for (const candidate of current) {
      const { device } = candidate;
      const asset = existing.get(device.id) ?? null;
      const owner = plan.allocation.enabled ? ownerOf(device, plan.allocation, state.directory) : null;
      const mapped = plan.map(device);
      if (!mapped.ok) {
        fail(state, device, 'map', mapped.code, `${mapped.field}: ${mapped.message}`);
        continue;
      }
      prepared.push({ candidate, existing: asset, mapped: mapped.value, owner, hash: hashes.get(device.id) ?? '' });
    }
  });
  if (prepared.length > 0) {
    await eventLoopTurn();
    const enriched = await enrich(state, prepared);
    const users = await resolveUsers(state, enriched);
    const asked: PageWrites = { writes: users.written === null ? [] : [users.written], keys: new Set() };
    try {
      await writeChanged(state, enriched, users, asked);
    } finally {
      // Also when the diff failed halfway: what was asked for is tracked, so the run waits for it before it returns.
      state.writes.add(asked.keys, asked.writes);
    }
  }
  flushOutcomes(state);
}

/**
 * The run's list of devices that did not sync (SPEC §4.13), one write per page; unchanged devices are only counted.
 * Asked for, not awaited (write-behind.ts); the run's end flushes what later writes' failures added.
 */
export function flushOutcomes(state: RunState): void {
  if (state.pendingOutcomes.length === 0) return;
  const outcomes = state.pendingOutcomes.splice(0);
  if (state.dryRun) return;
  const write = state.timer.time('write', 0, () =>
    state.register.writeBatch({ runId: state.runId, connectionId: state.plan.connectionId, actor: state.plan.integrationUser, batch: { creates: [], updates: [], outcomes } }),
  );
  state.writes.add(new Set(), [write.then(() => undefined)]);
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
        state.pendingOutcomes.push({ deviceId: holder.deviceId, deviceName: holder.deviceName, outcome: 'duplicate', reason: 'duplicate_serial', assetId: null });
      }
    }
    const holderOfThis: SerialHolder = { deviceId: candidate.device.id, deviceName: candidate.device.deviceName ?? null, lastSyncMs, outcome: null };
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
