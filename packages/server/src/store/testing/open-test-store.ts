import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import type { RunnerTask, RunnerTestFile, RunnerTestSuite } from 'vitest';
import { openStore } from '../connect.js';
import type { OpenStoreOptions, Store, StoreDialect } from '../connect.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** Every storage suite runs once per backend (STYLE.md §8). */
export const DIALECTS: readonly StoreDialect[] = ['sqlite', 'postgres'];

export interface TestStore {
  readonly store: Store;
  readonly databaseUrl: string;
  /** Closes the store and drops its database/file; `keep` leaves it for a post-mortem (the URL is printed). */
  cleanup(options?: { keep?: boolean }): Promise<void>;
}

/** A fresh, migrated store: a temp SQLite file, or a new PostgreSQL database in the test cluster. */
export async function openTestStore(dialect: StoreDialect, title: string, options: OpenStoreOptions = {}): Promise<TestStore> {
  const name = `x_${title.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 40)}_${randomBytes(4).toString('hex')}`;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'intune-assets-test-'));
    const databaseUrl = `sqlite:${join(dir, `${name}.db`)}`;
    const store = await openStore(databaseUrl, options);
    return {
      store,
      databaseUrl,
      async cleanup({ keep = false } = {}) {
        await store.close();
        if (keep) console.warn(`kept the test database of a failed test: ${databaseUrl}`);
        else rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = inject('postgresUrl');
  await withAdmin(adminUrl, (admin) => admin.query(`create database "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const store = await openStore(databaseUrl, { poolSize: 12, ...options });
  return {
    store,
    databaseUrl,
    async cleanup({ keep = false } = {}) {
      await store.close();
      if (keep) console.warn(`kept the test database of a failed test: ${databaseUrl}`);
      else await withAdmin(adminUrl, (admin) => admin.query(`drop database if exists "${name}"`));
    },
  };
}

/** Opens a store for the enclosing `describe` and cleans it up after, keeping it if any test in it failed. */
export function useTestStore(dialect: StoreDialect, title: string, options: OpenStoreOptions = {}): () => Store {
  let handle: TestStore | undefined;
  beforeAll(async () => {
    handle = await openTestStore(dialect, title, options);
  });
  afterAll(async ({}, suite) => {
    await handle?.cleanup({ keep: hasFailure(suite) });
  });
  return () => {
    if (!handle) throw new Error('useTestStore: the store is only available inside tests and hooks of its describe');
    return handle.store;
  };
}

function hasFailure(task: RunnerTask | Readonly<RunnerTestSuite | RunnerTestFile>): boolean {
  if (task.result?.state === 'fail') return true;
  return 'tasks' in task && task.tasks.some(hasFailure);
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
