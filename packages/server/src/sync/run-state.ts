import type { Asset } from '../domain/asset.js';
import type { ManagedDevice } from '../domain/managed-device.js';
import type { DeviceType } from '../rules/device-type-rules.js';
import type { DiffContext } from './asset-diff.js';
import type { OwnerDirectory, OwnerLookup } from './owners.js';
import type { CategoryChoice, FilterContext, MappedAsset, SkipReason, SyncPlan } from './plan.js';
import type { DeviceOutcome, DeviceOutcomeRecord, DeviceSource, RegisterStore } from './ports.js';
import { countOutcome } from './run-report.js';
import type { DeviceDiff, DeviceError, RunCounts, Stage } from './run-report.js';
import type { StageTimer } from './stage-timer.js';
import type { WriteBehind } from './write-behind.js';

/** What one run carries from page to page, and how every device's outcome is recorded (exactly once). */
export interface RunState {
  readonly plan: SyncPlan;
  readonly source: DeviceSource;
  readonly register: RegisterStore;
  readonly directory: OwnerDirectory;
  /**
   * Makes `directory` answer for the owners of these devices (the ones a page is about to map): a few are looked
   * up one by one, many (or no devices given) load the whole Entra directory once. An unchanged re-sync never calls it.
   */
  ensureDirectory(devices?: readonly ManagedDevice[]): Promise<void>;
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
  /** This page's devices that hold a serial, by device id, so their outcome lands on the holder (a new map per page). */
  pageHolders: Map<string, SerialHolder>;
  /** Earlier pages' register writes still under way (write-behind.ts). */
  readonly writes: WriteBehind;
  /**
   * Employees this run asked the register to create whose insert may still be under way (the register cannot find
   * them yet), by key, so a later page allocates to them instead of creating them again.
   */
  readonly newEmployees: Map<string, string>;
  /** Skip, duplicate and failure outcomes of the page, written to the run's device list at the end of the page. */
  readonly pendingOutcomes: DeviceOutcomeRecord[];
}

export interface SerialHolder {
  readonly deviceId: string;
  readonly deviceName: string | null;
  readonly lastSyncMs: number;
  outcome: DeviceOutcome | null;
}

export interface Candidate {
  readonly device: ManagedDevice;
  readonly type: DeviceType | null;
  readonly choice: CategoryChoice;
}

export interface Prepared {
  readonly candidate: Candidate;
  readonly existing: Asset | null;
  readonly mapped: MappedAsset;
  readonly owner: OwnerLookup | null;
  readonly hash: string;
}

/** `holders`: the serial holders of the device's page (its writes may finish while a later page runs). */
export function record(state: RunState, deviceId: string, outcome: 'created' | 'updated' | 'unchanged', holders = state.pageHolders): void {
  countOutcome(state.counts, outcome);
  const holder = holders.get(deviceId);
  if (holder !== undefined) holder.outcome = outcome;
}

export function skip(state: RunState, device: ManagedDevice, outcome: 'skipped' | 'duplicate', reason: SkipReason): void {
  countOutcome(state.counts, outcome, reason);
  state.pendingOutcomes.push({ deviceId: device.id, deviceName: device.deviceName ?? null, outcome, reason, assetId: null });
  state.diff?.push({ deviceId: device.id, deviceName: device.deviceName ?? null, action: outcome === 'duplicate' ? 'duplicate' : 'skip', reason });
}

export function fail(state: RunState, device: Pick<ManagedDevice, 'id'> & Partial<ManagedDevice>, stage: Stage, code: string, text: string): void {
  countOutcome(state.counts, 'failed');
  state.pendingOutcomes.push({ deviceId: device.id, deviceName: device.deviceName ?? null, outcome: 'failed', reason: `${stage}:${code}`, assetId: null });
  state.recordError({ deviceId: device.id, stage, code, message: text });
  state.diff?.push({ deviceId: device.id, deviceName: device.deviceName ?? null, action: 'fail', reason: `${code}: ${text}` });
}

export function failDevice(state: RunState, device: ManagedDevice | undefined, deviceId: string, error: unknown): void {
  fail(state, device ?? { id: deviceId }, 'write', 'write_failed', message(error));
}

export function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
