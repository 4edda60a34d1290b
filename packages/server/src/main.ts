import { AccountService } from './accounts/account-service.js';
import type { Config } from './config/schema.js';
import { ConnectionService } from './connections/connection-service.js';
import { TenantLimiters } from './graph/index.js';
import { createLogger } from './logging/logger.js';
import type { Logger } from './logging/logger.js';
import { SecretBox } from './security/secret-box.js';
import { loadSecretKey } from './security/secret-key.js';
import { SyncService } from './runs/sync-service.js';
import { openStore } from './store/connect.js';
import type { Store } from './store/connect.js';

/** Everything a command or the server needs, wired once from the Config (the composition root, STYLE §2). */
export interface App {
  readonly config: Config;
  readonly accounts: AccountService;
  readonly logger: Logger;
  readonly store: Store;
  readonly secretBox: SecretBox;
  readonly connections: ConnectionService;
  readonly sync: SyncService;
  close(): Promise<void>;
}

/**
 * `runsSyncs`: this process runs syncs (`sync`, `serve`, `demo`). On a SQLite file the WAL is then checkpointed
 * from a worker thread and the sync's register writes run on another (ADR 0004, ADR 0005).
 */
export async function createApp(config: Config, options: { logger?: Logger; runsSyncs?: boolean } = {}): Promise<App> {
  const logger = options.logger ?? createLogger({ level: config.log.level });
  const secretBox = new SecretBox(loadSecretKey(config.secrets));
  const runsSyncs = options.runsSyncs ?? false;
  const store = await openStore(config.db.url, { backgroundCheckpoints: runsSyncs, offThreadWrites: runsSyncs });
  // One limiter per tenant for the whole process: Intune's budget is per app per tenant (NOTES §4.1).
  const limiters = new TenantLimiters();
  const connections = new ConnectionService({ store, secretBox, limiterFor: (tenantId) => limiters.forTenant(tenantId) });
  const sync = new SyncService({ store, connections, secretBox, logger, instance: config.instance });
  return {
    config,
    accounts: new AccountService(store),
    logger,
    store,
    secretBox,
    connections,
    sync,
    close: () => store.close(),
  };
}
