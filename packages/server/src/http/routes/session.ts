import { apiErrorSchema, sessionSchema, signInBodySchema } from '@intune-assets/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AccountService } from '../../accounts/account-service.js';
import { AppError } from '../../errors/app-error.js';
import type { RouteModule } from '../api-server.js';
import { API_PREFIX } from '../api-server.js';
import { SESSION_COOKIE } from '../session-cookie.js';

export function sessionRoutes(deps: { accounts: AccountService; secureCookies?: boolean }): RouteModule {
  return (server) => {
    server.post(`${API_PREFIX}/session`, {
      config: { access: 'public' },
      schema: {
        tags: ['session'],
        summary: 'Sign in with email and password; sets the session cookie and returns the CSRF token for writes.',
        body: signInBodySchema,
        response: { 200: sessionSchema, 401: apiErrorSchema, 429: apiErrorSchema },
      },
    }, async (request, reply) => {
      const signedIn = await deps.accounts.signIn(request.body.email, request.body.password, request.ip);
      void reply.setCookie(SESSION_COOKIE, signedIn.token, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: deps.secureCookies ?? false,
        expires: new Date(signedIn.expiresAt),
      });
      return { account: signedIn.account, csrfToken: signedIn.csrfToken };
    });

    server.get(`${API_PREFIX}/session`, {
      config: { access: 'public' },
      schema: { tags: ['session'], summary: 'The signed-in account and its CSRF token.', response: { 200: sessionSchema, 401: apiErrorSchema } },
    }, async (request) => {
      if (request.auth === null) throw new AppError('unauthenticated', 'Not signed in.');
      return { account: request.auth.account, csrfToken: request.auth.csrfToken };
    });

    server.delete(`${API_PREFIX}/session`, {
      config: { access: 'viewer' },
      schema: { tags: ['session'], summary: 'Sign out: ends the session.', response: { 204: z.null() } },
    }, async (request: FastifyRequest, reply: FastifyReply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await deps.accounts.signOut(token);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    });

  };
}
