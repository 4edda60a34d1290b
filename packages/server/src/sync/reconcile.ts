import type { LifecycleSettings } from './plan.js';
import type { LifecycleChange, ReconcileAsset } from './ports.js';

export interface ReconcileDecision {
  readonly changes: readonly LifecycleChange[];
  /** Assets newly missing from Intune whose status changed to the deleted status. */
  readonly retired: number;
  /** Assets newly missing from Intune (their status changed or not). */
  readonly missing: number;
  readonly restored: number;
  readonly inactivated: number;
  /** Set when the retire-safety threshold stopped the deletions of this run. */
  readonly refusal: string | null;
}

const DAY_MS = 86_400_000;

/**
 * Lifecycle after a COMPLETE fetch (SPEC §4.8): devices gone from Intune, devices back, devices silent for N
 * days. Deletions are refused as a whole when they exceed the retire-safety share of the connection's assets:
 * a truncated Graph answer must never empty the register.
 */
export function decideLifecycle(input: {
  readonly assets: readonly ReconcileAsset[];
  readonly seenDeviceIds: ReadonlySet<string>;
  readonly settings: LifecycleSettings;
  readonly now: Date;
}): ReconcileDecision {
  const { assets, seenDeviceIds, settings, now } = input;
  const nowIso = now.toISOString();
  const gone: LifecycleChange[] = [];
  const changes: LifecycleChange[] = [];
  let restored = 0;
  let inactivated = 0;
  const inactiveBefore = settings.inactiveAfterDays === null ? null : now.getTime() - settings.inactiveAfterDays * DAY_MS;
  for (const asset of assets) {
    if (asset.intuneDeviceId === null) continue;
    const isSeen = seenDeviceIds.has(asset.intuneDeviceId);
    if (!isSeen) {
      if (asset.missingFromSourceSince === null) {
        gone.push({
          assetId: asset.id,
          missingFromSourceSince: nowIso,
          ...(settings.deletedStatus !== null && settings.deletedStatus !== asset.statusKey ? { statusKey: settings.deletedStatus } : {}),
          reason: 'deleted_from_intune',
        });
      }
      continue;
    }
    if (asset.missingFromSourceSince !== null) {
      restored += 1;
      changes.push({
        assetId: asset.id,
        missingFromSourceSince: null,
        ...(settings.recoveredStatus !== null && settings.recoveredStatus !== asset.statusKey ? { statusKey: settings.recoveredStatus } : {}),
        reason: 'recovered',
      });
      continue;
    }
    if (
      inactiveBefore !== null &&
      asset.lastSeenInSourceAt !== null &&
      Date.parse(asset.lastSeenInSourceAt) < inactiveBefore &&
      asset.statusKey !== settings.inactiveStatus
    ) {
      inactivated += 1;
      changes.push({ assetId: asset.id, statusKey: settings.inactiveStatus, reason: 'inactive' });
    }
  }
  const limit = Math.floor((assets.length * settings.retireSafetyPercent) / 100);
  if (gone.length > limit) {
    return {
      changes,
      retired: 0,
      missing: 0,
      restored,
      inactivated,
      refusal:
        `${gone.length} of the connection's ${assets.length} assets are no longer in Intune, more than the retire-safety ` +
        `limit of ${settings.retireSafetyPercent}% (${limit}); none of them was retired. Check the tenant, or raise retireSafetyPercent.`,
    };
  }
  return { changes: [...changes, ...gone], retired: gone.filter((c) => c.statusKey !== undefined).length, missing: gone.length, restored, inactivated, refusal: null };
}
