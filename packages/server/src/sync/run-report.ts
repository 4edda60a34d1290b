import type { DeviceOutcome } from './ports.js';
import type { SkipReason } from './plan.js';

export const RUN_STATUSES = ['succeeded', 'partial', 'failed'] as const;
export type RunOutcomeStatus = (typeof RUN_STATUSES)[number];

export const STAGES = ['users', 'groups', 'fetch', 'filter', 'lookup', 'enrich', 'map', 'diff', 'write', 'reconcile'] as const;
export type Stage = (typeof STAGES)[number];

/** One device that could not be synced (STYLE §3d: per-item outcomes are data, not exceptions). */
export interface DeviceError {
  readonly deviceId: string;
  readonly stage: Stage;
  readonly code: string;
  readonly message: string;
}

export interface RunCounts {
  fetched: number;
  synced: number;
  unsynced: number;
  created: number;
  updated: number;
  unchanged: number;
  retired: number;
  /** Devices newly gone from Intune (retired or, with no deleted status set, only marked missing). */
  missing: number;
  restored: number;
  inactivated: number;
  allocated: number;
  usersCreated: number;
  skipped: Partial<Record<SkipReason, number>>;
  failed: number;
  conflicts: number;
}

/** One line of a dry run's diff (SPEC §4.12). */
export interface DeviceDiff {
  readonly deviceId: string;
  readonly deviceName: string | null;
  readonly action: 'create' | 'update' | 'unchanged' | 'skip' | 'duplicate' | 'fail' | 'retire' | 'restore' | 'inactivate';
  readonly reason?: string;
  readonly changes?: readonly { readonly field: string; readonly old: unknown; readonly new: unknown }[];
}

/** The run report (SPEC §4.13, CLI contract §7.3). */
export interface RunReport {
  readonly runId: string;
  readonly connectionId: string;
  readonly connection: string;
  readonly status: RunOutcomeStatus;
  readonly dryRun: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly counts: RunCounts;
  readonly errors: readonly DeviceError[];
  /** Errors beyond the capped list are counted here. */
  readonly errorsOmitted: number;
  readonly stages: Readonly<Record<Stage, { readonly ms: number; readonly devices: number }>>;
  readonly graph: { readonly requests: number; readonly requestsPerDevice: number };
  /** Why the run failed or what it refused to do (fetch incomplete, retire safety). */
  readonly notices: readonly string[];
  readonly fetchComplete: boolean;
  readonly diff?: readonly DeviceDiff[];
}

export function emptyCounts(): RunCounts {
  return {
    fetched: 0, synced: 0, unsynced: 0, created: 0, updated: 0, unchanged: 0, retired: 0, missing: 0, restored: 0, inactivated: 0,
    allocated: 0, usersCreated: 0, skipped: {}, failed: 0, conflicts: 0,
  };
}

/** Keeps fetched = synced + unsynced = synced + Σ skipped + failed true by construction: one outcome per device. */
export function countOutcome(counts: RunCounts, outcome: DeviceOutcome, reason?: SkipReason | null): void {
  switch (outcome) {
    case 'created':
    case 'updated':
    case 'unchanged':
      counts[outcome] += 1;
      counts.synced += 1;
      return;
    case 'skipped':
      if (reason) counts.skipped[reason] = (counts.skipped[reason] ?? 0) + 1;
      counts.unsynced += 1;
      return;
    case 'duplicate':
      // Counted under skipped so that unsynced = Σ skipped + failed, as the CLI contract reads.
      counts.skipped.duplicate_serial = (counts.skipped.duplicate_serial ?? 0) + 1;
      counts.unsynced += 1;
      return;
    case 'failed':
      counts.failed += 1;
      counts.unsynced += 1;
      return;
    case 'retired':
    case 'restored':
      counts[outcome] += 1;
      return;
    default: {
      const unreachable: never = outcome;
      throw new Error(`unknown outcome ${String(unreachable)}`);
    }
  }
}

/** Undoes one outcome (a device first synced, then found to be an older duplicate of a later one). */
export function uncountOutcome(counts: RunCounts, outcome: 'created' | 'updated' | 'unchanged'): void {
  counts[outcome] -= 1;
  counts.synced -= 1;
}
