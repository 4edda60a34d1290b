import pg from 'pg';
import { PostgresDialect } from 'kysely';
import type { StoreCapabilities } from './capabilities.js';

export const POSTGRES_CAPABILITIES: StoreCapabilities = {
  skipLocked: true,
  advisoryLocks: true,
  returning: true,
  // The wire protocol counts parameters in an Int16.
  maxBindParameters: 65_535,
  bulkRowsPerStatement: 1_000,
  analyzeAfterBulkInserts: true,
};

export function createPostgresDialect(databaseUrl: string, options: { poolSize?: number }): PostgresDialect {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
  // random_page_cost 1.1 (the usual SSD setting, for this app's sessions only): at the default 4 the planner answered
  // the sync's per-page lookups (`intune_device_id in (1000 ids) or serial_key in (…)`) with a sequential scan of a
  // 100,000-asset table, ~140 ms each, where the bitmap index scan it picks at 1.1 takes ~15 ms. A SET on each new
  // connection rather than a startup `options` parameter, which connection poolers such as PgBouncer refuse; the
  // client queues it ahead of the connection's first query, and a failure only leaves the server's default.
  pool.on('connect', (client) => {
    client.query('set random_page_cost = 1.1').catch(() => undefined);
  });
  // An idle client dying (server restart, admin termination) would otherwise crash the process as an unhandled
  // 'error' event; the pool drops that client and the next query opens a new one or fails with its own error.
  pool.on('error', () => undefined);
  return new PostgresDialect({ pool });
}
