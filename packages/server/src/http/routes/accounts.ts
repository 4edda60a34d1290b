import { accountListSchema, accountPatchSchema, accountSchema, apiErrorSchema, newAccountBodySchema } from '@intune-assets/contracts';
import { z } from 'zod';
import type { AccountService } from '../../accounts/account-service.js';
import { AppError } from '../../errors/app-error.js';
import type { RouteModule } from '../api-server.js';
import { API_PREFIX } from '../api-server.js';

export function accountRoutes(deps: { accounts: AccountService }): RouteModule {
  return (server) => {
    server.get(`${API_PREFIX}/accounts`, {
      config: { access: 'admin' },
      schema: { tags: ['accounts'], summary: 'Every sign-in account.', response: { 200: accountListSchema } },
    }, async () => ({ items: await deps.accounts.list() }));

    server.post(`${API_PREFIX}/accounts`, {
      config: { access: 'admin' },
      schema: {
        tags: ['accounts'],
        summary: 'Create a sign-in account (password at least 12 characters).',
        body: newAccountBodySchema,
        response: { 201: accountSchema, 409: apiErrorSchema, 422: apiErrorSchema },
      },
    }, async (request, reply) => {
      const account = await deps.accounts.create(request.body);
      return reply.status(201).send(account);
    });

    server.patch(`${API_PREFIX}/accounts/:id`, {
      config: { access: 'admin' },
      schema: {
        tags: ['accounts'],
        summary: 'Change a role, disable or enable an account, or set a new password.',
        params: z.object({ id: z.string().min(1).max(64) }),
        body: accountPatchSchema,
        response: { 200: accountSchema, 404: apiErrorSchema, 409: apiErrorSchema, 422: apiErrorSchema },
      },
    }, async (request) => {
      if (request.auth === null) throw new AppError('unauthenticated', 'Sign in first.');
      const patch: { role?: 'viewer' | 'analyst' | 'admin'; isActive?: boolean; password?: string } = {};
      if (request.body.role !== undefined) patch.role = request.body.role;
      if (request.body.isActive !== undefined) patch.isActive = request.body.isActive;
      if (request.body.password !== undefined) patch.password = request.body.password;
      return deps.accounts.update(request.params.id, patch, request.auth.account);
    });
  };
}
