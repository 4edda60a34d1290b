import { setImmediate } from 'node:timers/promises';

/**
 * Lets the event loop run pending I/O (API requests, progress events) before the sync goes on. On SQLite every
 * query and transaction is synchronous (better-sqlite3) and Kysely chains them through microtasks, so without
 * a macrotask turn a whole page of work holds the loop, and the API served by the same process stalls as long
 * (issue 6: the UI stays responsive during a 100,000-device sync). Costs microseconds, called per batch.
 */
export function eventLoopTurn(): Promise<void> {
  return setImmediate();
}
