// The register API's read side at 100,000 assets: p50/p95 of one assets-list call (page + total + names) for the
// queries the UI makes (filters, searches, a deep keyset page), on SQLite and PostgreSQL. Assets are bulk-inserted
// directly (a realistic spread of categories, statuses, owners), not synced: this measures reads only.
// Run: node --import tsx packages/server/bench/register-query.bench.ts [sqlite|postgres …] [--assets N] [--reps N]
// PostgreSQL: a throwaway cluster is started as in the integration tests, unless BENCH_POSTGRES_URL names one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { AssetListQuery } from '@intune-assets/contracts';
import startPostgres from '../../../test/global-setup.js';
import { RegisterQueries } from '../src/register/register-queries.js';
import { SecretBox } from '../src/security/secret-box.js';
import { openStore } from '../src/store/connect.js';
import type { Store, StoreDialect } from '../src/store/connect.js';
import { seedRegister } from '../src/register/testing/seed-register.js';
import type { SeededRegister } from '../src/register/testing/seed-register.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const ASSETS = option('--assets', 100_000);
const REPS = option('--reps', 40);
const picked = args.filter((a) => a === 'sqlite' || a === 'postgres') as StoreDialect[];
const DIALECTS: readonly StoreDialect[] = picked.length > 0 ? picked : ['sqlite', 'postgres'];

let postgresAdmin: string | undefined;
let stopPostgres: (() => void) | undefined;

async function freshStore(dialect: StoreDialect, name: string): Promise<{ store: Store; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'register-bench-'));
    const store = await openStore(`sqlite:${join(dir, `${name}.db`)}`);
    return { store, drop: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  if (postgresAdmin === undefined) {
    postgresAdmin = process.env['BENCH_POSTGRES_URL'];
    if (postgresAdmin === undefined) {
      let provided: string | undefined;
      // why a stand-in project: the integration tests' cluster setup only needs `provide` to hand back its URL.
      const project = { provide: (_key: string, url: string) => { provided = url; } } as unknown as TestProject;
      stopPostgres = await startPostgres(project);
      postgresAdmin = provided;
    }
  }
  const admin = postgresAdmin ?? '';
  const withAdmin = async (query: string): Promise<void> => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try { await client.query(query); } finally { await client.end(); }
  };
  await withAdmin(`create database "${name}"`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const store = await openStore(url.toString());
  return { store, drop: async () => { await store.close(); await withAdmin(`drop database if exists "${name}"`); } };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** The UI's typical list calls; `deep` pages from a cursor ~90% of the way through the default sort. */
function scenarios(seed: SeededRegister, deepCursor: string): ReadonlyArray<readonly [string, Record<string, string>]> {
  return [
    ['first page, no filter', {}],
    ['category filter (common)', { category: seed.categoryIds[0] ?? '' }],
    ['category filter (rare)', { category: seed.categoryIds.at(-1) ?? '' }],
    ['status filter (retired)', { status: 'retired' }],
    ['status + -updatedAt sort', { status: 'allocated', sort: '-updatedAt' }],
    ['search serial prefix', { search: seed.sampleSerial.slice(0, 5) }],
    ['search name prefix', { search: seed.sampleName.slice(0, 8) }],
    ['search user email prefix', { search: seed.sampleEmail.slice(0, 12) }],
    ['search broad (first name)', { search: seed.sampleEmail.split('.')[0] ?? 'Ada' }],
    ['search asset tag', { search: 'AST-0500' }],
    ['user filter', { user: seed.sampleUserId }],
    ['category + name sort', { category: seed.categoryIds[1] ?? '', sort: 'name' }],
    ['deep cursor page', { cursor: deepCursor }],
  ];
}

async function benchDialect(dialect: StoreDialect): Promise<void> {
  const fresh = await freshStore(dialect, `register_bench_${String(process.pid)}`);
  try {
    const started = performance.now();
    const seed = await seedRegister(fresh.store, { assets: ASSETS });
    process.stdout.write(`${dialect.padEnd(8)} seeded ${String(ASSETS)} assets, ${String(seed.userIds.length)} users in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    const queries = new RegisterQueries({ store: fresh.store, secretBox: new SecretBox(Buffer.alloc(32, 7)) });
    let deepCursor = '';
    let page = await queries.listAssets(AssetListQuery.parse({ limit: 200 }));
    for (let walked = 200; walked < ASSETS * 0.9 && page.nextCursor !== null; walked += 200) {
      deepCursor = page.nextCursor;
      page = await queries.listAssets(AssetListQuery.parse({ limit: 200, cursor: page.nextCursor }));
    }
    for (const [label, raw] of scenarios(seed, deepCursor)) {
      const query = AssetListQuery.parse(raw);
      const times: number[] = [];
      const cpuTimes: number[] = [];
      let result = await queries.listAssets(query);
      for (let i = 0; i < REPS; i += 1) {
        const cpu = process.cpuUsage();
        const t = performance.now();
        result = await queries.listAssets(query);
        times.push(performance.now() - t);
        const used = process.cpuUsage(cpu);
        cpuTimes.push((used.user + used.system) / 1000);
      }
      times.sort((a, b) => a - b);
      cpuTimes.sort((a, b) => a - b);
      const p50 = Number(percentile(times, 50).toFixed(1));
      const p95 = Number(percentile(times, 95).toFixed(1));
      // On a shared machine wall time includes waiting for a core; SQLite runs in this process, so its CPU time is the steadier figure.
      const cpuP50 = Number(percentile(cpuTimes, 50).toFixed(1));
      process.stdout.write(`${dialect.padEnd(8)} ${label.padEnd(28)} p50 ${p50.toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms  node CPU p50 ${cpuP50.toFixed(1).padStart(6)} ms  (${String(result.items.length)} rows of ${result.totalIsEstimate ? '~' : ''}${String(result.total)})\n`);
      process.stdout.write(`${JSON.stringify({ bench: 'register-query', dialect, assets: ASSETS, query: label, p50Ms: p50, p95Ms: p95, cpuP50Ms: cpuP50, rows: result.items.length, total: result.total })}\n`);
    }
  } finally {
    await fresh.drop();
  }
}

try {
  for (const dialect of DIALECTS) await benchDialect(dialect);
} finally {
  stopPostgres?.();
}
