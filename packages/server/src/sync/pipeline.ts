import type { ManagedDevice } from '../domain/managed-device.js';
import { OwnerLoader } from './owner-loader.js';
import { OwnerDirectory } from './owners.js';
import { flushOutcomes, processPage } from './page-processor.js';
import type { RunState, SerialHolder } from './page-processor.js';
import type { SyncPlan } from './plan.js';
import type { Clock, DeviceSource, ProgressEvent, RegisterStore } from './ports.js';
import { decideLifecycle } from './reconcile.js';
import { emptyCounts } from './run-report.js';
import type { DeviceDiff, DeviceError, RunOutcomeStatus, RunReport } from './run-report.js';
import { StageTimer } from './stage-timer.js';
import { WriteBehind } from './write-behind.js';

export interface SyncDeps {
  readonly source: DeviceSource;
  readonly register: RegisterStore;
  readonly clock: Clock;
  /** Seals/opens secrets at rest (activation lock bypass codes, SPEC §8). */
  readonly secrets: { seal(plaintext: string): string; open(sealed: string): string };
}

export interface SyncOptions {
  readonly runId: string;
  readonly connectionName: string;
  readonly dryRun: boolean;
  readonly signal: AbortSignal;
  /** Hash of the connection's settings: a changed mapping makes every device "changed" once. */
  readonly settingsHash: string;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Errors listed in the report; more are counted (default 200). */
  readonly maxListedErrors?: number;
  /** The run fails when more than this share of fetched devices failed (default 0.5, Faros' slice error rule). */
  readonly failureRatio?: number;
}

/**
 * One run of one connection (SPEC §4): fetch → filter → classify → lookup → map → enrich → diff → write in
 * transactions of the batch size → reconcile. Streams page by page; memory holds one page plus the ids seen.
 * Per-device problems are outcomes in the report; only a broken fetch or a broken register ends the run early,
 * and a run that did not see the whole tenant retires nothing.
 *
 * @example
 * const report = await runSync(plan, { source, register, clock, secrets }, { runId, connectionName, dryRun: false, signal, settingsHash });
 */
export async function runSync(plan: SyncPlan, deps: SyncDeps, options: SyncOptions): Promise<RunReport> {
  const started = deps.clock.now();
  const timer = new StageTimer();
  const counts = emptyCounts();
  const errors: DeviceError[] = [];
  const notices: string[] = [];
  const maxErrors = options.maxListedErrors ?? 200;
  let errorsOmitted = 0;
  const diff: DeviceDiff[] | null = options.dryRun ? [] : null;
  const seen = new Set<string>();
  const directory = new OwnerDirectory();
  const owners = new OwnerLoader({ source: deps.source, directory, ownerField: plan.allocation.ownerField, signal: options.signal, timer, onWait: (stage) => progress(stage) });
  const state: RunState = {
    plan,
    source: deps.source,
    register: deps.register,
    directory,
    ensureDirectory: (devices) => owners.ensure(devices),
    timer,
    counts,
    diff,
    signal: options.signal,
    runId: options.runId,
    dryRun: options.dryRun,
    settingsHash: options.settingsHash,
    diffContext: { plan, nowIso: started.toISOString(), seal: deps.secrets.seal, open: deps.secrets.open },
    recordError(error) {
      if (errors.length < maxErrors) errors.push(error);
      else errorsOmitted += 1;
    },
    serialHolders: new Map<string, SerialHolder>(),
    pageHolders: new Map<string, SerialHolder>(),
    pendingOutcomes: [],
    filterContext: { groupMembers: null },
    writes: new WriteBehind(),
    newEmployees: new Map(),
  };
  const progress = (stage: ProgressEvent['stage']): void =>
    options.onProgress?.({ stage, devicesDone: counts.synced + counts.unsynced, devicesFetched: counts.fetched });

  let fetchComplete = false;
  let fatal: string | null = null;
  try {
    if (plan.groupIds !== null) state.filterContext = { groupMembers: await loadGroupMembers(plan.groupIds, deps.source, timer, options.signal, progress) };
    progress('fetch');
    const pages = deps.source.devices({ select: plan.listFields, signal: options.signal })[Symbol.asyncIterator]();
    for (;;) {
      const waitStarted = performance.now();
      const next = await pages.next();
      if (next.done) break;
      const page = next.value;
      timer.add('fetch', page.length, performance.now() - waitStarted);
      const fresh = page.filter((device: ManagedDevice) => !seen.has(device.id));
      for (const device of fresh) seen.add(device.id);
      counts.fetched += fresh.length;
      await processPage(state, fresh);
      progress('write');
    }
    fetchComplete = true;
    await state.writes.settle();
    // Devices whose writes failed after their page was flushed.
    flushOutcomes(state);
    await state.writes.settle();
  } catch (error) {
    // Nothing is written after the run returns: writes already asked for finish first (at most two pages' worth).
    await state.writes.idle();
    if (options.signal.aborted) throw error;
    fatal = error instanceof Error ? error.message : String(error);
    notices.push(
      fetchComplete
        ? `The run stopped: ${fatal}`
        : `The run stopped before it had seen the whole tenant (${counts.fetched} devices read): ${fatal}. Nothing was retired.`,
    );
  }

  // Reconcile holds every asset of the connection; what only the pages needed goes first, so the two never add up.
  owners.close();
  state.serialHolders.clear();
  state.pageHolders.clear();
  if (fetchComplete && fatal === null) {
    progress('reconcile');
    try {
      await reconcile(state, deps, seen, notices);
    } catch (error) {
      if (options.signal.aborted) throw error;
      fatal = error instanceof Error ? error.message : String(error);
      notices.push(`Reconcile failed: ${fatal}`);
    }
  }

  const finished = deps.clock.now();
  const requests = deps.source.requestCount();
  progress('done');
  return {
    runId: options.runId,
    connectionId: plan.connectionId,
    connection: options.connectionName,
    status: statusOf({ failed: counts.failed, fetched: counts.fetched, fatal, hasWarnings: errors.length + errorsOmitted > 0 || notices.length > 0, failureRatio: options.failureRatio ?? 0.5 }),
    dryRun: options.dryRun,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    counts,
    errors,
    errorsOmitted,
    stages: timer.snapshot(),
    graph: { requests, requestsPerDevice: counts.fetched === 0 ? 0 : Number((requests / counts.fetched).toFixed(5)) },
    notices,
    fetchComplete,
    ...(diff === null ? {} : { diff }),
  };
}

/** Before any device is read: a group that cannot be read stops the run, it never filters every device out. */
async function loadGroupMembers(
  groupIds: readonly string[],
  source: DeviceSource,
  timer: StageTimer,
  signal: AbortSignal,
  progress: (stage: ProgressEvent['stage']) => void,
): Promise<ReadonlySet<string>> {
  progress('groups');
  try {
    return await timer.time('groups', 0, () => source.groupMembers(groupIds, { signal }));
  } catch (error) {
    if (signal.aborted) throw error;
    throw new Error(`the group filter (filters.groupIds) could not be read, so no device was synced: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

async function reconcile(state: RunState, deps: SyncDeps, seen: ReadonlySet<string>, notices: string[]): Promise<void> {
  await state.timer.time('reconcile', 0, async () => {
    const assets = await deps.register.connectionAssets(state.plan.connectionId);
    const decision = decideLifecycle({ assets, seenDeviceIds: seen, settings: state.plan.lifecycle, now: deps.clock.now() });
    if (decision.refusal !== null) notices.push(decision.refusal);
    state.counts.retired += decision.retired;
    state.counts.missing += decision.missing;
    state.counts.restored += decision.restored;
    state.counts.inactivated += decision.inactivated;
    if (state.diff !== null) {
      const action = { deleted_from_intune: 'retire', recovered: 'restore', inactive: 'inactivate' } as const;
      const deviceOf = new Map(assets.map((a) => [a.id, a.intuneDeviceId]));
      for (const change of decision.changes) {
        state.diff.push({ deviceId: deviceOf.get(change.assetId) ?? change.assetId, deviceName: null, action: action[change.reason], reason: change.reason, ...(change.statusKey ? { changes: [{ field: 'statusKey', old: null, new: change.statusKey }] } : {}) });
      }
    }
    if (decision.changes.length > 0 && !state.dryRun) {
      await deps.register.applyLifecycle({ runId: state.runId, actor: state.plan.integrationUser, changes: decision.changes });
    }
  });
}

function statusOf(input: { failed: number; fetched: number; fatal: string | null; hasWarnings: boolean; failureRatio: number }): RunOutcomeStatus {
  if (input.fatal !== null) return 'failed';
  if (input.fetched > 0 && input.failed / input.fetched > input.failureRatio) return 'failed';
  return input.failed > 0 || input.hasWarnings ? 'partial' : 'succeeded';
}
