import { parentPort, workerData } from 'node:worker_threads';
import { sql } from 'kysely';
import { openStore } from '../connect.js';
import type { WriterJob, WriterReply } from '../dialects/writer-thread.js';
import { WRITE_BATCH_OP, executeBatch } from './batch-writer.js';
import type { PreparedBatch } from './batch-writer.js';
import { createEmployees } from './employees.js';
import { applyLifecycle } from './lifecycle.js';
import { APPLY_LIFECYCLE_OP, CREATE_USERS_OP } from './register-writer.js';
import type { ApplyLifecyclePayload, CreateUsersPayload, RegisterWriterData } from './register-writer.js';

// Runs inside the writer thread only (loaded by register-writer.worker.mjs): one connection, one write at a time.
const port = parentPort;
if (port === null) throw new Error('register-writer-host runs only as a worker thread (see register-writer.ts)');
const data = workerData as RegisterWriterData;
const store = await openStore(data.databaseUrl, { shouldMigrate: false });
async function setAutocheckpoint(pages: number): Promise<void> {
  if (!Number.isSafeInteger(pages) || pages < 0) throw new Error(`wal_autocheckpoint must be a whole number of pages, got ${String(pages)}`);
  await sql.raw(`pragma wal_autocheckpoint = ${String(pages)}`).execute(store.db);
}
await setAutocheckpoint(data.walAutocheckpointPages);

// Employee ids handed out before their insert and found to exist under another id (createEmployees): every run's
// later writes that name one are pointed at the other. Ids are unique, so one map serves all runs.
const userRemap = new Map<string, string>();

async function run(job: WriterJob): Promise<unknown> {
  switch (job.op) {
    case WRITE_BATCH_OP:
      return store.bulkTransaction((tx) => executeBatch(tx, store.capabilities, job.payload as PreparedBatch, userRemap));
    case CREATE_USERS_OP: {
      const { at, input, ids } = job.payload as CreateUsersPayload;
      return createEmployees({ store, dryRun: false, now: () => new Date(at), userRemap }, input, ids);
    }
    case APPLY_LIFECYCLE_OP: {
      const { at, departmentId, input } = job.payload as ApplyLifecyclePayload;
      await applyLifecycle({ store, departmentId, dryRun: false, now: () => new Date(at) }, input);
      return null;
    }
    default:
      throw new Error(`the register writer thread has no operation ${JSON.stringify(job.op)}`);
  }
}

let queue = Promise.resolve();
port.on('message', (job: WriterJob) => {
  queue = queue.then(async () => {
    if (job.op === 'autocheckpoint') {
      await setAutocheckpoint(Number(job.payload));
      return;
    }
    if (job.op === 'stop') {
      await store.close();
      port.close();
      return;
    }
    let reply: WriterReply;
    try {
      reply = { id: job.id, ok: true, value: await run(job) };
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : null;
      reply = { id: job.id, ok: false, message: error instanceof Error ? error.message : String(error), code };
    }
    port.postMessage(reply);
  });
});
