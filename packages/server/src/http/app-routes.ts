import type { App } from '../main.js';
import type { RouteModule } from './api-server.js';
import { accountRoutes } from './routes/accounts.js';
import { sessionRoutes } from './routes/session.js';

/** Every route module of the API, wired from the app's services (the one place that knows them all). */
export function appRoutes(app: App, options: { secureCookies?: boolean } = {}): RouteModule[] {
  return [
    sessionRoutes({ accounts: app.accounts, ...(options.secureCookies === undefined ? {} : { secureCookies: options.secureCookies }) }),
    accountRoutes({ accounts: app.accounts }),
  ];
}
