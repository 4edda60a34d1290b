import type { App } from '../main.js';
import { createApiServer } from './api-server.js';
import type { ApiServer, RouteModule } from './api-server.js';

export interface RunningWebServer {
  readonly url: string;
  readonly server: ApiServer;
  close(): Promise<void>;
}

/**
 * Listens with the API and the UI. Tries `port`, and when `fallbackToFreePort` is set and the port is taken, a
 * free one, so `demo` never fails because something else already uses 8080.
 */
export async function startWebServer(
  app: App,
  options: { port: number; host: string; routes: readonly RouteModule[]; webRoot: string | null; fallbackToFreePort?: boolean },
): Promise<RunningWebServer> {
  const server = await createApiServer({ accounts: app.accounts, routes: options.routes, logger: app.logger, webRoot: options.webRoot });
  let address: string;
  try {
    address = await server.listen({ port: options.port, host: options.host });
  } catch (error) {
    if (!options.fallbackToFreePort || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    address = await server.listen({ port: 0, host: options.host });
  }
  const url = address.replace('://127.0.0.1', '://localhost').replace('://[::1]', '://localhost');
  return { url, server, close: () => server.close() };
}
