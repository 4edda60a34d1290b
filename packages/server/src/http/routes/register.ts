import { Readable } from 'node:stream';
import {
  AssetDetail,
  AssetExportQuery,
  AssetIdParams,
  AssetListQuery,
  AssetListResponse,
  AuditPageQuery,
  AuditPageResponse,
  BypassCodeResponse,
  FacetsResponse,
  UserDetail,
  UserListQuery,
  UserListResponse,
  apiErrorSchema,
} from '@intune-assets/contracts';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.js';
import type { RegisterQueries } from '../../register/register-queries.js';
import type { RouteModule } from '../api-server.js';
import { API_PREFIX } from '../api-server.js';

const TAGS = ['register'];
const errors = { 404: apiErrorSchema, 422: apiErrorSchema } as const;

/** The register API (issue #6): assets list/detail/audit/CSV, the audited bypass code reveal, users, facets. */
export function registerRoutes(deps: { register: RegisterQueries }): RouteModule {
  const { register } = deps;
  return (server) => {
    server.get(`${API_PREFIX}/assets`, {
      config: { access: 'viewer' },
      schema: {
        tags: TAGS,
        summary: 'Assets, filtered and keyset-paged. search = prefix of asset tag, name, serial number, or the allocated user\'s email or name.',
        querystring: AssetListQuery,
        response: { 200: AssetListResponse, 422: apiErrorSchema },
      },
    }, (request) => register.listAssets(request.query));

    server.get(`${API_PREFIX}/assets.csv`, {
      config: { access: 'viewer' },
      schema: {
        tags: TAGS,
        summary: 'The filtered assets list as CSV (streamed, asset tag order).',
        querystring: AssetExportQuery,
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV, header row first'), 422: apiErrorSchema },
      },
    }, async (request, reply) => {
      const csv = Readable.from(register.exportAssetsCsv(request.query));
      void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="assets.csv"');
      // why the cast: the zod type provider types send() by the 200 schema (the CSV text); Fastify pipes a stream as-is.
      await reply.send(csv as unknown as string);
    });

    server.get(`${API_PREFIX}/assets/:id`, {
      config: { access: 'viewer' },
      schema: {
        tags: TAGS,
        summary: 'One asset: every field with label, provenance and last change; allocation history; latest audit.',
        params: AssetIdParams,
        response: { 200: AssetDetail, ...errors },
      },
    }, (request) => register.getAsset(request.params.id));

    server.get(`${API_PREFIX}/assets/:id/audit`, {
      config: { access: 'viewer' },
      schema: {
        tags: TAGS,
        summary: 'Older audit entries of an asset, newest first; pass the previous nextCursor as before.',
        params: AssetIdParams,
        querystring: AuditPageQuery,
        response: { 200: AuditPageResponse, ...errors },
      },
    }, (request) => register.listAssetAudit(request.params.id, { before: request.query.before, limit: request.query.limit }));

    server.post(`${API_PREFIX}/assets/:id/bypass-code/reveal`, {
      config: { access: 'admin' },
      schema: {
        tags: TAGS,
        summary: 'Reveal the activation lock bypass code (admin only; audited).',
        params: AssetIdParams,
        response: { 200: BypassCodeResponse, 403: apiErrorSchema, 404: apiErrorSchema },
      },
    }, async (request, reply) => {
      if (request.auth === null) throw new AppError('unauthenticated', 'Sign in first.');
      const code = await register.revealBypassCode(request.params.id, { accountId: request.auth.account.id });
      // A secret in the body: no cache may keep it.
      void reply.header('cache-control', 'no-store');
      return { code };
    });

    server.get(`${API_PREFIX}/users`, {
      config: { access: 'viewer' },
      schema: {
        tags: TAGS,
        summary: 'Users (employees), keyset-paged; search = prefix of email, UPN, employee id, first/last name.',
        querystring: UserListQuery,
        response: { 200: UserListResponse, 422: apiErrorSchema },
      },
    }, (request) => register.listUsers(request.query));

    server.get(`${API_PREFIX}/users/:id`, {
      config: { access: 'viewer' },
      schema: { tags: TAGS, summary: 'One user and the assets allocated to them.', params: AssetIdParams, response: { 200: UserDetail, ...errors } },
    }, (request) => register.getUser(request.params.id));

    server.get(`${API_PREFIX}/facets`, {
      config: { access: 'viewer' },
      schema: { tags: TAGS, summary: 'Values for the assets list filters: categories, statuses with sub-statuses, sources, connections.', response: { 200: FacetsResponse } },
    }, () => register.facets());
  };
}
