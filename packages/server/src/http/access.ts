import type { AccountRole } from '../domain/account.js';
import type { ActiveSession } from '../accounts/account-service.js';

/** Who may call a route: anyone, or a signed-in account with at least this role. */
export type Access = 'public' | AccountRole;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every /api route: the server refuses to start with a route that lacks it. */
    access?: Access;
  }
  interface FastifyRequest {
    /** The signed-in session, or null. Set for every request before access is checked. */
    auth: ActiveSession | null;
  }
}
