import type { ConnectionTestReportDto } from '@intune-assets/contracts';
import {
  apiErrorSchema, connectionDocumentBodySchema, connectionFieldsSchema, connectionListSchema, connectionNameParamsSchema,
  connectionTestReportSchema, connectionViewSchema, credentialsTestBodySchema, mappingPreviewBodySchema, mappingPreviewSchema,
  sampleDevicesQuerySchema, sampleDevicesSchema,
} from '@intune-assets/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listConnectionItems } from '../../connections/connection-dashboard.js';
import type { ScheduleInfo } from '../../connections/connection-dashboard.js';
import type { ConnectionPreviewService } from '../../connections/connection-preview.js';
import type { ConnectionService, ConnectionTestReport } from '../../connections/connection-service.js';
import type { Actor } from '../../domain/audit.js';
import type { Store } from '../../store/connect.js';
import type { RouteModule } from '../api-server.js';
import { API_PREFIX } from '../api-server.js';

const TAGS = ['connections'];
const errors = { 404: apiErrorSchema, 409: apiErrorSchema, 422: apiErrorSchema, 502: apiErrorSchema } as const;
const DEFAULT_PREVIEW_DEVICES = 10;

export interface ConnectionRouteDeps {
  readonly connections: ConnectionService;
  readonly preview: ConnectionPreviewService;
  /** For the dashboard's last runs and tests. */
  readonly store: Store;
  /** The scheduler's next run per connection (runs helper); the dashboard shows null without it. */
  readonly scheduleInfo?: ScheduleInfo;
  /**
   * Told after a connection is created, changed or deleted (the scheduler re-reads its crons at once instead of at
   * its next periodic refresh). A failure is logged, not answered: the change itself is saved.
   */
  readonly onConnectionsChanged?: () => void | Promise<void>;
}

/** Connection setup and the dashboard (issue #6): CRUD, Test connection, fields, sample devices, live mapping preview. */
export function connectionRoutes(deps: ConnectionRouteDeps): RouteModule {
  const { connections, preview } = deps;
  const changed = async (request: FastifyRequest): Promise<void> => {
    if (deps.onConnectionsChanged === undefined) return;
    try {
      await deps.onConnectionsChanged();
    } catch (error) {
      request.log.warn({ err: error }, 'telling the scheduler about a connection change failed; its periodic refresh catches up');
    }
  };
  return (server) => {
    server.get(`${API_PREFIX}/connections`, {
      config: { access: 'viewer' },
      schema: { tags: TAGS, summary: 'Every connection with its last run, next scheduled run and what needs attention.', response: { 200: connectionListSchema } },
    }, async () => ({ items: await listConnectionItems({ store: deps.store, ...(deps.scheduleInfo ? { scheduleInfo: deps.scheduleInfo } : {}) }) }));

    server.post(`${API_PREFIX}/connections`, {
      config: { access: 'analyst' },
      schema: {
        tags: TAGS,
        summary: 'Create a connection from a connection document (same schema as `connection add --file`); every problem comes back at once (422).',
        body: connectionDocumentBodySchema,
        response: { 201: connectionViewSchema, ...errors },
      },
    }, async (request, reply) => {
      const view = await connections.create(request.body, { actor: actorOf(request) });
      await changed(request);
      return reply.status(201).send(view);
    });

    server.get(`${API_PREFIX}/connections/:name`, {
      config: { access: 'viewer' },
      schema: { tags: TAGS, summary: 'Every setting of a connection; never its secret (hasSecret, secretUpdatedAt).', params: connectionNameParamsSchema, response: { 200: connectionViewSchema, 404: apiErrorSchema } },
    }, async (request) => connections.view(request.params.name));

    server.put(`${API_PREFIX}/connections/:name`, {
      config: { access: 'analyst' },
      schema: {
        tags: TAGS,
        summary: 'Replace the settings with a full document; clientSecret left out keeps the stored one; a new name renames. Nothing is saved when anything is invalid.',
        params: connectionNameParamsSchema,
        body: connectionDocumentBodySchema,
        response: { 200: connectionViewSchema, ...errors },
      },
    }, async (request) => {
      const view = await connections.update(request.params.name, request.body, { actor: actorOf(request) });
      await changed(request);
      return view;
    });

    server.delete(`${API_PREFIX}/connections/:name`, {
      config: { access: 'admin' },
      schema: { tags: TAGS, summary: 'Delete a connection and its run history; its assets stay in the register.', params: connectionNameParamsSchema, response: { 204: z.null(), 404: apiErrorSchema, 409: apiErrorSchema } },
    }, async (request, reply) => {
      await connections.remove(request.params.name, { actor: actorOf(request) });
      await changed(request);
      return reply.status(204).send(null);
    });

    server.post(`${API_PREFIX}/connections/:name/test`, {
      config: { access: 'analyst' },
      schema: { tags: TAGS, summary: 'Test connection / Invoke Intune API: token, one page of devices, each permission, the available fields.', params: connectionNameParamsSchema, response: { 200: connectionTestReportSchema, ...errors } },
    }, async (request) => testReportDto(await connections.test(request.params.name, { actor: actorOf(request) })));

    server.post(`${API_PREFIX}/connection-tests`, {
      config: { access: 'analyst' },
      schema: { tags: TAGS, summary: 'Test credentials that are not saved yet; stores nothing.', body: credentialsTestBodySchema, response: { 200: connectionTestReportSchema, 422: apiErrorSchema, 502: apiErrorSchema } },
    }, async (request) => testReportDto(await connections.testCredentials(request.body)));

    server.get(`${API_PREFIX}/connections/:name/fields`, {
      config: { access: 'viewer' },
      schema: { tags: TAGS, summary: 'Intune Fields Selection: the live field list (or the stored one with a notice), marked with the selection.', params: connectionNameParamsSchema, response: { 200: connectionFieldsSchema, ...errors } },
    }, async (request) => preview.fields(request.params.name, { actor: actorOf(request) }));

    server.get(`${API_PREFIX}/connections/:name/sample-devices`, {
      config: { access: 'viewer' },
      schema: { tags: TAGS, summary: 'The first devices of the tenant with the fields the saved settings read (bypass codes redacted).', params: connectionNameParamsSchema, querystring: sampleDevicesQuerySchema, response: { 200: sampleDevicesSchema, ...errors } },
    }, async (request) => ({ devices: (await preview.sampleDevices(request.params.name, { limit: request.query.limit })) as unknown as Record<string, unknown>[] }));

    server.post(`${API_PREFIX}/connections/:name/mapping-preview`, {
      config: { access: 'analyst' },
      schema: {
        tags: TAGS,
        summary: 'Live preview of unsaved settings on sample devices: included or skipped (why), device type, category, each mapped value or its error. Writes nothing.',
        params: connectionNameParamsSchema,
        body: mappingPreviewBodySchema,
        response: { 200: mappingPreviewSchema, ...errors },
      },
    }, async (request) => preview.mappingPreview(request.params.name, request.body.settings, { limit: request.body.limit ?? DEFAULT_PREVIEW_DEVICES }));
  };
}

function actorOf(request: FastifyRequest): Actor {
  return request.auth === null ? { type: 'system', id: null } : { type: 'user', id: request.auth.account.id };
}

function testReportDto(report: ConnectionTestReport): ConnectionTestReportDto {
  return { ...report, availableFields: { ...report.availableFields, fields: [...report.availableFields.fields] } };
}
