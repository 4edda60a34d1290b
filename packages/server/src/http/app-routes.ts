import { ConnectionPreviewService } from '../connections/connection-preview.js';
import type { RunServices } from '../jobs/start-workers.js';
import type { App } from '../main.js';
import { RegisterQueries } from '../register/register-queries.js';
import type { RouteModule } from './api-server.js';
import { accountRoutes } from './routes/accounts.js';
import { connectionRoutes } from './routes/connections.js';
import { expressionRoutes } from './routes/expressions.js';
import { referenceRoutes } from './routes/reference.js';
import { registerRoutes } from './routes/register.js';
import { runRoutes } from './routes/runs.js';
import { sessionRoutes } from './routes/session.js';

/** Every route module of the API, wired from the app's services (the one place that knows them all). */
export function appRoutes(app: App, runs: RunServices, options: { secureCookies?: boolean } = {}): RouteModule[] {
  const { store } = app;
  return [
    sessionRoutes({ accounts: app.accounts, ...(options.secureCookies === undefined ? {} : { secureCookies: options.secureCookies }) }),
    accountRoutes({ accounts: app.accounts }),
    connectionRoutes({
      connections: app.connections,
      preview: new ConnectionPreviewService(app.connections),
      store,
      scheduleInfo: async (connectionId) => (await runs.scheduler.scheduleInfo(connectionId)).nextRunAt,
      onConnectionsChanged: () => runs.scheduler.refresh(),
    }),
    expressionRoutes(),
    referenceRoutes({ store }),
    runRoutes({ manager: runs.manager, history: runs.history, scheduler: runs.scheduler, store }),
    registerRoutes({ register: new RegisterQueries({ store, secretBox: app.secretBox }) }),
  ];
}
