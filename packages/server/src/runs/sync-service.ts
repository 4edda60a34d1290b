import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { describeIssues } from '@intune-assets/contracts';
import type { ConnectionService } from '../connections/connection-service.js';
import { settingsOf } from '../connections/connection-view.js';
import type { JsonValue } from '../domain/json.js';
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

  async run(name: string, request: SyncRequest = {}): Promise<RunReport> {
    const { store, connections, logger } = this.#deps;
    const now = this.#deps.now ?? (() => new Date());
    const dryRun = request.dryRun ?? false;
    const connection = await connections.get(name);
    const settings = settingsOf(connection);
    if (!connection.isActive) throw new AppError('connection_inactive', `Connection "${name}" is not active; activate it to sync.`);
    if (!settings.enabledForInstances.includes(this.#deps.instance)) {
      throw new AppError('connection_inactive', `Connection "${name}" is not enabled for the ${this.#deps.instance} instance (enabledForInstances: ${settings.enabledForInstances.join(', ')}).`);
    }
    const compiled = compileSyncPlan({ document: settings, connectionId: connection.id, departmentId: connection.departmentId });
    if (!compiled.ok) {
      throw new AppError('input_invalid', `The settings of connection "${name}" are invalid: ${describeIssues(compiled.issues)}`, { details: { issues: compiled.issues } });
    }
    const runId = randomUUID();
    const owner = `${hostname()}:${process.pid}:${runId}`;
    const ttlMs = this.#deps.lockTtlMs ?? 120_000;
    const lock = await acquireRunLock({ store, connectionId: connection.id, owner, ttlMs });
    if (!lock.ok) {
      throw new AppError('run_already_active', `Another run of "${name}" is in progress (${lock.holder}); try again when it has finished.`);
    }
    if (lock.tookOverFrom !== null) logger.warn({ connection: name, previousOwner: lock.tookOverFrom }, 'took over the lock of an interrupted run');
    await store.repos.runs.create({ connectionId: connection.id, isDryRun: dryRun, id: runId });
    await store.repos.runs.start(runId);
    let progress: ProgressEvent | null = null;
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
              progress = event;
              request.onProgress?.(event);
            },
          },
        );
        await store.repos.runs.finish(runId, { status: report.status, report: storedReport(report), error: report.notices[0] ?? null });
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

/** The stored report leaves out a dry run's per-device diff (it is returned to the caller, not kept). */
function storedReport(report: RunReport): JsonValue {
  const { diff: _diff, ...rest } = report;
  return rest as unknown as JsonValue;
}
