import {
  allRunsQuerySchema, apiErrorSchema, connectionNameParamsSchema, requestRunBodySchema, runDetailSchema, runDevicePageSchema,
  runDevicesQuerySchema, runIdParamsSchema, runListQuerySchema, runPageSchema, runQueuedSchema, scheduleSchema,
  schedulePreviewBodySchema, schedulePreviewSchema,
} from '@intune-assets/contracts';
import type { RunStatus } from '../../domain/run.js';
import { AppError } from '../../errors/app-error.js';
import type { RunHistory } from '../../jobs/run-history.js';
import type { RunManager } from '../../jobs/run-manager.js';
import type { Scheduler } from '../../jobs/scheduler.js';
import { previewSchedule } from '../../jobs/scheduler.js';
import type { Store } from '../../store/connect.js';
import type { RouteModule } from '../api-server.js';
import { API_PREFIX } from '../api-server.js';
import { streamRunEvents } from './runs-events.js';

const TAGS = ['runs'];

export interface RunRouteDeps {
  readonly manager: RunManager;
  readonly history: RunHistory;
  readonly scheduler: Pick<Scheduler, 'scheduleInfo' | 'timezone'>;
  /** Connection names → ids, and the run rows the event stream polls. */
  readonly store: Store;
  /** How often the event stream re-reads a run executed by another process (default 1 s). */
  readonly eventPollMs?: number;
}

/** Sync now, run history, per-device outcomes, live progress and the schedule (issue #6, api-contract.md). */
export function runRoutes(deps: RunRouteDeps): RouteModule {
  const { manager, history, scheduler, store } = deps;
  const connectionId = async (name: string): Promise<string> => {
    const connection = await store.repos.connections.getByName(name);
    if (connection === undefined) throw notFound(`No connection named "${name}".`);
    return connection.id;
  };
  return (server) => {
    server.post(`${API_PREFIX}/connections/:name/runs`, {
      config: { access: 'analyst' },
      schema: {
        tags: TAGS,
        summary: 'Sync now (or a dry-run preview with dryRun: true): the run is queued at once. 409 sync_debounced within the debounce window, 409 run_already_active while one is queued or running.',
        params: connectionNameParamsSchema,
        body: requestRunBodySchema,
        response: { 202: runQueuedSchema, 404: apiErrorSchema, 409: apiErrorSchema },
      },
    }, async (request, reply) => {
      const run = await manager.requestRun(request.params.name, {
        trigger: 'manual',
        dryRun: request.body?.dryRun ?? false,
        ...(request.auth !== null && { requestedBy: request.auth.account.id }),
      });
      return reply.status(202).send({ runId: run.id, status: 'queued' as const });
    });

    server.get(`${API_PREFIX}/connections/:name/runs`, {
      config: { access: 'viewer' },
      schema: { tags: TAGS, summary: 'The runs of one connection, newest first.', params: connectionNameParamsSchema, querystring: runListQuerySchema, response: { 200: runPageSchema, 404: apiErrorSchema, 422: apiErrorSchema } },
    }, async (request) => history.list({ connectionId: await connectionId(request.params.name), limit: request.query.limit, ...(request.query.cursor !== undefined && { cursor: request.query.cursor }) }));

    server.get(`${API_PREFIX}/runs`, {
      config: { access: 'viewer' },
      schema: { tags: TAGS, summary: 'Runs across connections, newest first; `status=failed,partial` for what needs attention.', querystring: allRunsQuerySchema, response: { 200: runPageSchema, 422: apiErrorSchema } },
    }, async (request) => {
      const { status, cursor, limit } = request.query;
      return history.list({ limit, ...(cursor !== undefined && { cursor }), ...(status !== undefined && { statuses: status.split(',') as RunStatus[] }) });
    });

    server.get(`${API_PREFIX}/runs/:id`, {
      config: { access: 'viewer' },
      schema: { tags: TAGS, summary: 'One run with its stored report (SPEC §4.13); a dry run\'s report has the diff.', params: runIdParamsSchema, response: { 200: runDetailSchema, 404: apiErrorSchema } },
    }, async (request) => history.detail(request.params.id));

    server.get(`${API_PREFIX}/runs/:id/devices`, {
      config: { access: 'viewer' },
      schema: {
        tags: TAGS,
        summary: 'The devices of a run with their outcome and reason; filter by outcome, reason, name or id.',
        params: runIdParamsSchema,
        querystring: runDevicesQuerySchema,
        response: { 200: runDevicePageSchema, 404: apiErrorSchema, 422: apiErrorSchema },
      },
    }, async (request) => {
      const { outcome, reason, search, cursor, limit } = request.query;
      return history.devices(request.params.id, { limit, ...(outcome !== undefined && { outcome }), ...(reason !== undefined && { reason }), ...(search !== undefined && { search }), ...(cursor !== undefined && { cursor }) });
    });

    server.get(`${API_PREFIX}/runs/:id/events`, {
      config: { access: 'viewer' },
      schema: {
        tags: TAGS,
        summary: 'Live progress as text/event-stream: `event: progress` (stage, devicesDone, devicesFetched, devicesTotal|null) while the run is queued or running, then one `event: finished` with the run summary.',
        params: runIdParamsSchema,
        response: { 404: apiErrorSchema },
      },
    }, async (request, reply) => {
      await history.detail(request.params.id);
      streamRunEvents({ request, reply, runId: request.params.id, manager, history, pollMs: deps.eventPollMs ?? 1000 });
    });

    server.get(`${API_PREFIX}/connections/:name/schedule`, {
      config: { access: 'viewer' },
      schema: { tags: TAGS, summary: 'The cron of a connection, its next five runs and when Sync now is available again.', params: connectionNameParamsSchema, response: { 200: scheduleSchema, 404: apiErrorSchema } },
    }, async (request) => scheduler.scheduleInfo(await connectionId(request.params.name)));

    server.post(`${API_PREFIX}/schedule-preview`, {
      config: { access: 'analyst' },
      schema: { tags: TAGS, summary: 'The next five runs of a cron text (the scheduler editor\'s preview); 422 naming `cron` when it is not valid.', body: schedulePreviewBodySchema, response: { 200: schedulePreviewSchema, 422: apiErrorSchema } },
    }, async (request) => ({ nextRuns: previewSchedule(request.body.cron, request.body.timezone ?? scheduler.timezone) }));
  };
}

function notFound(message: string): AppError {
  return new AppError('not_found', message);
}
