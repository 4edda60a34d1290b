import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

// The dependency direction of STYLE.md §2, enforced: inner code knows nothing about transport, queue or
// database brand. Test files are exempt (they wire real parts together on purpose).
const SRC = dirname(fileURLToPath(import.meta.url));

interface Rule {
  readonly folder: string;
  /** Top-level folders of src/ this folder may import (itself is always allowed). */
  readonly mayImport: readonly string[];
  /** npm packages it must not import. */
  readonly forbiddenPackages?: readonly string[];
  /** Single files outside `mayImport` it may still import (paths relative to src/). */
  readonly mayImportFiles?: readonly string[];
}

const INFRASTRUCTURE = ['kysely', 'better-sqlite3', 'pg', 'pg-boss', 'fastify', 'undici', '@azure/msal-node'];

const RULES: readonly Rule[] = [
  { folder: 'domain', mayImport: [], forbiddenPackages: [...INFRASTRUCTURE, 'zod'] },
  { folder: 'errors', mayImport: [] },
  { folder: 'rules', mayImport: ['domain'], forbiddenPackages: INFRASTRUCTURE },
  // mapping compiles settings into the SyncPlan the pipeline reads; the plan's contract lives with the pipeline.
  { folder: 'mapping', mayImport: ['domain', 'rules'], mayImportFiles: ['sync/plan.ts'], forbiddenPackages: INFRASTRUCTURE },
  { folder: 'sync', mayImport: ['domain', 'mapping', 'rules', 'errors'], forbiddenPackages: INFRASTRUCTURE },
  // The register's read side: queries, exports and the audited bypass-code reveal (which needs the SecretBox).
  { folder: 'register', mayImport: ['domain', 'store', 'errors', 'security'], forbiddenPackages: ['fastify', 'undici', '@azure/msal-node'] },
  { folder: 'accounts', mayImport: ['domain', 'store', 'errors'], forbiddenPackages: ['fastify', 'undici', '@azure/msal-node'] },
  { folder: 'graph', mayImport: ['domain', 'config', 'errors'], forbiddenPackages: ['kysely', 'better-sqlite3', 'pg', 'pg-boss', 'fastify'] },
  { folder: 'store', mayImport: ['domain', 'errors'], forbiddenPackages: ['fastify', 'undici', '@azure/msal-node'] },
  { folder: 'emulator', mayImport: ['domain'], forbiddenPackages: ['kysely', 'better-sqlite3', 'pg', 'pg-boss'] },
  { folder: 'security', mayImport: ['errors'] },
  { folder: 'config', mayImport: ['errors'] },
  { folder: 'logging', mayImport: [] },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.includes('.test.') && !path.includes(`${join(SRC, 'store', 'testing')}`) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');
}

describe('dependency direction (STYLE §2)', () => {
  test.each(RULES)('$folder imports only what it may', (rule) => {
    const violations: string[] = [];
    for (const file of sourceFiles(join(SRC, rule.folder))) {
      for (const specifier of importsOf(file)) {
        if (specifier.startsWith('.')) {
          const targetPath = relative(SRC, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts');
          const target = targetPath.split('/')[0] ?? '';
          const isAllowed = target === rule.folder || rule.mayImport.includes(target) || (rule.mayImportFiles ?? []).includes(targetPath);
          if (!isAllowed) violations.push(`${relative(SRC, file)} → ${specifier}`);
        } else {
          const pkg = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? '');
          if (rule.forbiddenPackages?.includes(pkg)) violations.push(`${relative(SRC, file)} → ${specifier}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  test('only the composition root and the CLI import the HTTP layer (http/ is outermost)', () => {
    const importers = sourceFiles(SRC)
      .filter((file) => !['http', 'cli'].includes(relative(SRC, file).split('/')[0] ?? '') && relative(SRC, file) !== 'main.ts')
      .flatMap((file) =>
        importsOf(file)
          .filter((s) => s.startsWith('.') && relative(SRC, resolve(dirname(file), s)).startsWith('http/'))
          .map((s) => `${relative(SRC, file)} → ${s}`),
      );
    expect(importers).toEqual([]);
  });

  test('the expr package imports nothing outside itself (it also runs in the browser)', () => {
    const exprSrc = resolve(SRC, '../../expr/src');
    const outside = sourceFiles(exprSrc).flatMap((file) =>
      importsOf(file).filter((s) => !s.startsWith('./')).map((s) => `${relative(exprSrc, file)} → ${s}`),
    );
    expect(outside).toEqual([]);
  });
});
