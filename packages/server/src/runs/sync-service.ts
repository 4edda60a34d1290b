import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { describeIssues } from '@intune-assets/contracts';
import type { ConnectionService } from '../connections/connection-service.js';
import { settingsOf } from '../connections/connection-view.js';
import type { JsonValue } from '../domain/json.js';
import { toRunProgress } from '../domain/run.js';
import type { Run, RunProgress, RunTrigger } from '../domain/run.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import { compileSyncPlan } from '../mapping/compile-plan.js';
import type { SecretBox } from '../security/secret-box.js';
import type { Store } from '../store/connect.js';
import { createRegisterStore } from '../store/sync/register-store.js';
import { canonicalHash } from '../sync/canonical-hash.js';
import { runSync } from '../sync/pipeline.js';
import type { ProgressEvent } from '../sync/ports.js';
import type { RunReport } from '../sync/run-report.js';
import { intuneDeviceSource } from './intune-device-source.js';
import { acquireRunLock } from './run-lock.js';

export interface SyncServiceDeps {
  readonly store: Store;
  readonly connections: ConnectionService;
  readonly secretBox: SecretBox;
  readonly logger: Logger;
  /** Which copy of the register this is (`production` or `uat`); a connection syncs only where enabled. */
  readonly instance: 'production' | 'uat';
  readonly lockTtlMs?: number;
  readonly heartbeatMs?: number;
  readonly now?: () => Date;
}

export interface SyncRequest {
  readonly dryRun?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** A run row created beforehand as `queued` (the run queue); its dry-run flag wins over `dryRun`. */
  readonly runId?: string;
  /** Recorded on the run row this call creates (default `cli`); ignored with `runId`. */
  readonly trigger?: RunTrigger;
}

/**
 * One run of one connection from start to finish: refuse what must not run (inactive, other instance, another
 * run in progress), compile the plan, record the run, heartbeat the lock, run the pipeline, store the report.
 */
export class SyncService {
  readonly #deps: SyncServiceDeps;

  constructor(deps: SyncServiceDeps) {
    this.#deps = deps;
  }

  async #queuedRun(runId: string): Promise<Run> {
    const run = await this.#deps.store.repos.runs.get(runId);
    if (run === undefined) throw new AppError('not_found', `Run ${runId} does not exist.`);
    if (run.status !== 'queued') throw new AppError('run_already_active', `Run ${runId} is ${run.status}, not queued; it is not started again.`);
    return run;
  }

  async run(name: string, request: SyncRequest = {}): Promise<RunReport> {
    const { store, connections, logger } = this.#deps;
    const now = this.#deps.now ?? (() => new Date());
    const queued = request.runId === undefined ? undefined : await this.#queuedRun(request.runId);
    const dryRun = queued?.isDryRun ?? request.dryRun ?? false;
    const runId = queued?.id ?? randomUUID();
    // A pre-created run must not stay queued when the run is refused before it starts: the UI is watching it.
    const refuse = async (error: AppError): Promise<never> => {
      if (queued !== undefined) await store.repos.runs.finish(queued.id, { status: 'failed', error: error.message });
      throw error;
    };
    const connection = await connections.get(name);
    const settings = settingsOf(connection);
    if (queued !== undefined && queued.connectionId !== connection.id) {
      throw new Error(`run ${queued.id} belongs to another connection than "${name}"`);
    }
    if (!connection.isActive) await refuse(new AppError('connection_inactive', `Connection "${name}" is not active; activate it to sync.`));
    if (!settings.enabledForInstances.includes(this.#deps.instance)) {
      await refuse(new AppError('connection_inactive', `Connection "${name}" is not enabled for the ${this.#deps.instance} instance (enabledForInstances: ${settings.enabledForInstances.join(', ')}).`));
    }
    const compiled = compileSyncPlan({ document: settings, connectionId: connection.id, departmentId: connection.departmentId });
    if (!compiled.ok) {
      return refuse(new AppError('input_invalid', `The settings of connection "${name}" are invalid: ${describeIssues(compiled.issues)}`, { details: { issues: compiled.issues } }));
    }
    const owner = `${hostname()}:${process.pid}:${runId}`;
    const ttlMs = this.#deps.lockTtlMs ?? 120_000;
    const lock = await acquireRunLock({ store, connectionId: connection.id, owner, ttlMs });
    if (!lock.ok) {
      await refuse(new AppError('run_already_active', `Another run of "${name}" is in progress (${lock.holder}); try again when it has finished.`));
    }
    if (lock.ok && lock.tookOverFrom !== null) logger.warn({ connection: name, previousOwner: lock.tookOverFrom }, 'took over the lock of an interrupted run');
    // Holding the lease means no other process runs this connection: a run still marked running is a dead one's.
    await failOrphans(store, connection.id, runId);
    if (queued === undefined) await store.repos.runs.create({ connectionId: connection.id, isDryRun: dryRun, id: runId, trigger: request.trigger ?? 'cli' });
    await store.repos.runs.start(runId);
    let progress: RunProgress | null = null;
    const heartbeat = setInterval(() => {
      void (async () => {
        await store.repos.runLocks.renew(connection.id, owner, ttlMs);
        await store.repos.runs.heartbeat(runId, progress as unknown as JsonValue);
      })().catch((error: unknown) => logger.warn({ err: error }, 'run heartbeat failed'));
    }, this.#deps.heartbeatMs ?? 10_000);
    heartbeat.unref();
    const signal = request.signal ?? new AbortController().signal;
    try {
      const graph = await connections.openGraph(connection, signal);
      try {
        const report = await runSync(
          compiled.plan,
          {
            source: intuneDeviceSource(graph, settings.graphApiVersion),
            register: createRegisterStore(store, { departmentId: connection.departmentId, dryRun, now }),
            clock: { now },
            secrets: {
              seal: (plaintext) => this.#deps.secretBox.seal(plaintext, 'asset-activation-lock'),
              open: (sealed) => this.#deps.secretBox.open(sealed, 'asset-activation-lock'),
            },
          },
          {
            runId,
            connectionName: connection.name,
            dryRun,
            signal,
            settingsHash: canonicalHash(settings),
            onProgress: (event) => {
              progress = toRunProgress(event);
              request.onProgress?.(event);
            },
          },
        );
        // The final progress lands with the status, so a reader that sees the run finished also sees it done.
        await store.repos.runs.finish(runId, {
          status: report.status,
          report: storedReport(report),
          error: report.notices[0] ?? null,
          ...(progress !== null && { progress: progress as unknown as JsonValue }),
        });
        logger.info({ connection: name, runId, status: report.status, counts: report.counts, durationMs: report.durationMs }, 'sync finished');
        return report;
      } finally {
        await graph.close();
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await store.repos.runs.finish(runId, { status: 'failed', error: message }).catch(() => undefined);
      throw error;
    } finally {
      clearInterval(heartbeat);
      await store.repos.runLocks.release(connection.id, owner).catch(() => undefined);
    }
  }
}

export const INTERRUPTED_RUN_ERROR = 'interrupted (the process stopped)';

async function failOrphans(store: Store, connectionId: string, runId: string): Promise<void> {
  const orphans = await store.repos.runs.list({ connectionId, statuses: ['running'], limit: 20 });
  for (const orphan of orphans.items) {
    if (orphan.id !== runId) await store.repos.runs.finish(orphan.id, { status: 'failed', error: INTERRUPTED_RUN_ERROR });
  }
}

/**
 * A dry run keeps its diff so the UI can show the preview later, without the unchanged devices (counted, and
 * nothing to show); a real run's report has no diff.
 */
function storedReport(report: RunReport): JsonValue {
  const { diff, ...rest } = report;
  if (!report.dryRun || diff === undefined) return rest as unknown as JsonValue;
  return { ...rest, diff: diff.filter((d) => d.action !== 'unchanged') } as unknown as JsonValue;
}
