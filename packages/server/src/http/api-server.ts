import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AccountService } from '../accounts/account-service.js';
import { roleAllows } from '../domain/account.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import './access.js';
import { handleError } from './error-handler.js';
import { SESSION_COOKIE } from './session-cookie.js';

export type ApiServer = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** One area's routes (connections, runs, register …), given only the services it needs when it is built. */
export type RouteModule = (server: ApiServer) => void;

export const API_PREFIX = '/api/v1';

export interface ApiServerOptions {
  readonly accounts: AccountService;
  readonly routes: readonly RouteModule[];
  readonly logger?: Logger;
  /** The built web UI (packages/web/dist); null serves the API alone. */
  readonly webRoot?: string | null;
  /** Mark cookies `Secure` (behind HTTPS). Off by default: the embedded server listens on plain HTTP on loopback. */
  readonly secureCookies?: boolean;
  readonly trustProxy?: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The REST API (SPEC §7.2) and the UI's static files on one origin. Every /api route declares who may call it
 * (`config.access`); sessions come from an HttpOnly SameSite=Strict cookie, and writes also need the session's
 * CSRF token in `x-csrf-token` (SameSite alone does not cover same-site subdomains or old browsers).
 */
export async function createApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger as FastifyBaseLogger } : { logger: false }),
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => handleError(error, request, reply));
  app.decorateRequest('auth', null);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(API_PREFIX) && route.config?.access === undefined) {
      throw new Error(`route ${route.method.toString()} ${route.url} declares no config.access`);
    }
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Intune Assets API', version: '1', description: 'The REST API of Intune Assets (SPEC §7.2). Sign in with POST /api/v1/session; send the returned csrfToken as x-csrf-token on writes.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    reply.header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
    return payload;
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) return;
    const token = request.cookies[SESSION_COOKIE];
    request.auth = token ? await options.accounts.resolve(token) : null;
    if (access === 'public') return;
    if (request.auth === null) throw new AppError('unauthenticated', 'Sign in first.');
    if (!roleAllows(request.auth.account.role, access)) {
      throw new AppError('forbidden', `This needs the ${access} role; you are signed in as ${request.auth.account.role}.`);
    }
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== request.auth.csrfToken) {
      throw new AppError('csrf_invalid', 'The request lacks the session\'s CSRF token (x-csrf-token); reload the page.');
    }
  });

  app.get(`${API_PREFIX}/openapi.json`, { config: { access: 'public' }, schema: { hide: true } }, () => app.swagger());
  for (const register of options.routes) register(app);

  const webRoot = options.webRoot ?? null;
  if (webRoot !== null && existsSync(join(webRoot, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuilt UI is served without a restart.
    await app.register(fastifyStatic, { root: webRoot, wildcard: true, index: 'index.html' });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || webRoot === null || request.method !== 'GET') {
      return reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0] ?? ''}.` } });
    }
    // Client-side routes (/assets/…) all load the app; it renders its own 404 for unknown paths.
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}
