import type { Asset } from '../domain/asset.js';
import type { ManagedDevice } from '../domain/managed-device.js';
import { assetMatchKeys, deviceMatchValue, matchKey } from '../domain/match-key.js';
import type { Candidate, RunState } from './run-state.js';

/**
 * Existing assets for the page: linked Intune id first, then the configured match field (SPEC §4.7). `linkedIds`
 * are the devices the page's hash lookup found linked: the others have no linked asset, so a first sync asks only
 * by the match field.
 */
export async function lookupExisting(state: RunState, candidates: readonly Candidate[], linkedIds: ReadonlySet<string>): Promise<Map<string, Asset>> {
  const { plan } = state;
  const field = plan.match.field;
  const query = { departmentId: plan.departmentId, matchField: field };
  // Linked assets first; only the devices not linked yet are looked up by the match field, so a re-sync reads
  // each asset once instead of twice.
  const linkedDeviceIds = candidates.filter((c) => linkedIds.has(c.device.id)).map((c) => c.device.id);
  const linked = linkedDeviceIds.length === 0 ? [] : await state.register.findAssets({ ...query, intuneDeviceIds: linkedDeviceIds, matchValues: [] });
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
export function isOlderThanAsset(device: ManagedDevice, asset: Asset): boolean {
  if (asset.intuneDeviceId === null || asset.intuneDeviceId === device.id || asset.lastSeenInSourceAt === null) return false;
  return (Date.parse(device.lastSyncDateTime ?? '') || 0) < Date.parse(asset.lastSeenInSourceAt);
}

