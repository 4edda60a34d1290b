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
  // An idle client dying (server restart, admin termination) would otherwise crash the process as an unhandled
  // 'error' event; the pool drops that client and the next query opens a new one or fails with its own error.
  pool.on('error', () => undefined);
  return new PostgresDialect({ pool });
}
