/** What the backend can do, chosen once in connect.ts so repos branch on abilities, not on a dialect name. */
export interface StoreCapabilities {
  /** `SELECT … FOR UPDATE SKIP LOCKED` for work queues. */
  readonly skipLocked: boolean;
  /** `pg_advisory_lock` and friends. */
  readonly advisoryLocks: boolean;
  /** `INSERT/UPDATE … RETURNING`. */
  readonly returning: boolean;
  /** Bind parameters allowed in one statement; bulk writes chunk under it. */
  readonly maxBindParameters: number;
  /** Rows per multi-row INSERT on bulk paths: SQLite reuses a few cached statements, PostgreSQL saves round trips. */
  readonly bulkRowsPerStatement: number;
  /**
   * Refresh planner statistics while a bulk sync grows a table. PostgreSQL plans `key in (…)` lookups from them
   * and, on a table that grew from nothing within the run, chose sequential scans (one per 1000-device chunk).
   */
  readonly analyzeAfterBulkInserts: boolean;
}
