import type { WriterThread } from '../dialects/writer-thread.js';
import { startWriterThread } from '../dialects/writer-thread.js';
import type { EmployeeInput, LifecycleChangeInput } from './register-types.js';

/** The writes a sync hands to the register writer thread besides `writeBatch` (`WRITE_BATCH_OP`). */
export const CREATE_USERS_OP = 'createUsers';
export const APPLY_LIFECYCLE_OP = 'applyLifecycle';

export interface CreateUsersPayload {
  readonly at: string;
  readonly input: { readonly departmentId: string; readonly source: string; readonly users: readonly EmployeeInput[] };
  /** The id each employee (by key) is created with, handed out before the write (createRegisterStore). */
  readonly ids: ReadonlyMap<string, string>;
}

export interface ApplyLifecyclePayload {
  readonly at: string;
  readonly departmentId: string;
  readonly input: { readonly runId: string; readonly actor: string; readonly changes: readonly LifecycleChangeInput[] };
}

export interface RegisterWriterData {
  readonly databaseUrl: string;
  /** The worker connection's `wal_autocheckpoint`: 0 while a checkpoint worker copies the WAL. */
  readonly walAutocheckpointPages: number;
}

/**
 * The sync's writes on a second connection in a worker thread (`openStore({ offThreadWrites })`): a SQLite
 * write is CPU on the thread that makes it, so on the main thread it added to every page; on its own thread it
 * runs while the main thread reads and maps the next page. See ADR 0005.
 */
export function startRegisterWriter(data: RegisterWriterData, options: { readonly beforeWrite?: (() => Promise<void>) | undefined }): WriterThread {
  return startWriterThread(new URL('./register-writer.worker.mjs', import.meta.url), { workerData: data, beforeWrite: options.beforeWrite });
}
