import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startTempPostgres } from './temp-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

// One throwaway PostgreSQL for the whole integration run (STYLE.md §8); test files create their own database in it.
export default async function setup(project: TestProject): Promise<() => void> {
  const postgres = await startTempPostgres();
  project.provide('postgresUrl', postgres.url);
  return () => postgres.stop();
}
