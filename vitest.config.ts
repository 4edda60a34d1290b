import { defineConfig } from 'vitest/config';

// Two runners chosen by file suffix (STYLE.md §8): unit tests do no I/O; integration tests get a real
// PostgreSQL started by test/global-setup.ts and real SQLite files.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.unit.test.ts', 'packages/*/test/**/*.unit.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['packages/*/src/**/*.integration.test.ts', 'packages/*/test/**/*.integration.test.ts', 'test/e2e/**/*.integration.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
