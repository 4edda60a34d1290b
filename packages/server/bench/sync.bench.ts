// The sync targets of SPEC §9 / issue 5, printed (not asserted): first full sync, re-sync with nothing changed
// (and its register row writes), re-sync with 1 % changed, per-stage devices/s, Graph requests per device, and
// peak RSS at 10,000 vs 100,000 devices — on SQLite and on PostgreSQL.
// Run: node --import tsx packages/server/bench/sync.bench.ts [sqlite|postgres ...] [--devices 10000,100000]
// Each (database, fleet size) runs in its own process with the emulated tenant in another, so RSS is the sync's.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Agent, request } from 'undici';
import { startTempPostgres } from '../../../test/temp-postgres.js';
import { ConnectionService } from '../src/connections/connection-service.js';
import { settingsOf } from '../src/connections/connection-view.js';
import { createLogger } from '../src/logging/logger.js';
import { compileSyncPlan } from '../src/mapping/compile-plan.js';
import { keepHeapNearLive } from '../src/runs/heap-growth.js';
import { SyncService } from '../src/runs/sync-service.js';
import { SecretBox } from '../src/security/secret-box.js';
import { openStore } from '../src/store/connect.js';
import type { Store } from '../src/store/connect.js';
import type { RunReport } from '../src/sync/run-report.js';
import { startEmulatorChild, warmEmulatorChild } from './emulator-child.js';
import { syncTable } from './sync-table.js';
import type { SyncBenchResult } from './sync-table.js';

type Dialect = 'sqlite' | 'postgres';

async function openBenchStore(dialect: Dialect): Promise<{ store: Store; cleanup: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'ia-bench-'));
    // As `sync`, `serve` and `demo` open it (createApp `runsSyncs`): checkpoints and the sync's writes on worker threads.
    const store = await openStore(`sqlite:${join(dir, 'bench.db')}`, { backgroundCheckpoints: true, offThreadWrites: true });
    return { store, cleanup: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const postgres = await startTempPostgres();
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query('create database bench');
  await admin.end();
  const store = await openStore(postgres.url.replace(/\/postgres$/, '/bench'));
  return { store, cleanup: async () => { await store.close(); postgres.stop(); } };
}

async function registerWrites(store: Store, since: string): Promise<number> {
  const updated = await store.db.selectFrom('fixed_assets').select(({ fn }) => fn.countAll<number>().as('n')).where('updated_at', '>=', since).executeTakeFirstOrThrow();
  const audit = await store.db.selectFrom('audit_log').select(({ fn }) => fn.countAll<number>().as('n')).where('at', '>=', since).executeTakeFirstOrThrow();
  return Number(updated.n) + Number(audit.n);
}

async function one(dialect: Dialect, devices: number): Promise<Record<string, unknown>> {
  // As in every process that syncs (cli/run-command.ts `runsSyncs`).
  keepHeapNearLive();
  const { child, info } = await startEmulatorChild(devices);
  const { store, cleanup } = await openBenchStore(dialect);
  try {
    const logger = createLogger({ level: 'warn' });
    const secretBox = new SecretBox(randomBytes(32));
    const connections = new ConnectionService({ store, secretBox });
    const sync = new SyncService({ store, connections, secretBox, logger, instance: 'production' });
    await connections.add({ name: 'Bench', ...info, ...(process.env['BENCH_BATCH'] ? { batchSize: Number(process.env['BENCH_BATCH']) } : {}) });
    // The emulator serialises each device once and caches it; warm it so the figures are the product's, not the
    // stand-in's (its cold pass is printed by the graph-read bench). The warm-up reads in a child process: read here,
    // its 100,000 parsed devices would grow this process's heap before the sync starts and count in its RSS.
    const connection = await connections.get('Bench');
    const compiled = compileSyncPlan({ document: settingsOf(connection), connectionId: connection.id, departmentId: connection.departmentId });
    if (!compiled.ok) throw new Error('bench connection settings do not compile');
    await warmEmulatorChild(info, compiled.plan.listFields);
    const peak = { rss: 0, heapUsed: 0, external: 0 };
    const sample = (): void => {
      const m = process.memoryUsage();
      peak.rss = Math.max(peak.rss, m.rss);
      peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
      peak.external = Math.max(peak.external, m.external);
    };
    sample();
    const startRssMb = Math.round(peak.rss / 1048576);
    const sampler = setInterval(sample, 25);
    // Diagnostics only (node --expose-gc): the live heap after a full collection every 2 s, i.e. what the run retains
    // as opposed to garbage not yet collected.
    const collect = (globalThis as { gc?: () => void }).gc;
    let peakLiveMb = 0;
    const collector = collect === undefined ? undefined : setInterval(() => {
      collect();
      peakLiveMb = Math.max(peakLiveMb, Math.round(process.memoryUsage().heapUsed / 1048576));
    }, 2000);
    const first = await sync.run('Bench');
    const beforeResync = new Date().toISOString();
    const unchanged = await sync.run('Bench');
    const writesUnchanged = await registerWrites(store, beforeResync);
    const agent = new Agent({ connect: { ca: readFileSync(info.caCertFile, 'utf8') } });
    const modified = await request(`${info.authorityUrl}/_emulator/fleet`, {
      method: 'POST',
      headers: { authorization: `Bearer ${info.clientSecret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'modify', n: Math.round(devices / 100) }),
      dispatcher: agent,
    });
    await modified.body.text();
    await agent.close();
    const changed = await sync.run('Bench');
    clearInterval(sampler);
    if (collector !== undefined) clearInterval(collector);
    const figure = (r: RunReport) => ({ ms: r.durationMs, status: r.status, counts: { fetched: r.counts.fetched, created: r.counts.created, updated: r.counts.updated, unchanged: r.counts.unchanged, unsynced: r.counts.unsynced }, stages: r.stages, requestsPerDevice: r.graph.requestsPerDevice });
    return { bench: 'sync', dialect, devices, first: figure(first), unchanged: { ...figure(unchanged), registerWrites: writesUnchanged }, changed1pct: figure(changed), peakRssMb: Math.round(peak.rss / 1048576), startRssMb, peakHeapUsedMb: Math.round(peak.heapUsed / 1048576), peakExternalMb: Math.round(peak.external / 1048576), ...(collect === undefined ? {} : { peakLiveHeapMb: peakLiveMb }) };
  } finally {
    child.kill('SIGTERM');
    await cleanup();
  }
}

async function isolated(dialect: Dialect, devices: number): Promise<Record<string, unknown>> {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, ['--import', 'tsx', self, '--one', dialect, String(devices)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const line = out.trim().split('\n').pop() ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`sync bench ${dialect} ${devices} failed (exit ${String(code)})`);
  return JSON.parse(line) as Record<string, unknown>;
}

function perSec(devices: number, ms: number): string {
  return ms === 0 ? '—' : `${Math.round(devices / (ms / 1000)).toLocaleString('en-US')}/s`;
}

function describe(result: Record<string, unknown>): string {
  const r = result as { dialect: string; devices: number; first: { ms: number; counts: Record<string, number>; stages: Record<string, { ms: number; devices: number }>; requestsPerDevice: number }; unchanged: { ms: number; registerWrites: number; counts: Record<string, number> }; changed1pct: { ms: number; counts: Record<string, number> }; peakRssMb: number };
  const stages = Object.entries(r.first.stages).filter(([, s]) => s.ms > 0).map(([name, s]) => `${name} ${s.ms} ms${s.devices > 0 ? ` (${perSec(s.devices, s.ms)})` : ''}`).join(', ');
  return [
    `sync ${r.dialect} ${r.devices.toLocaleString('en-US')} devices:`,
    `  first full sync   ${(r.first.ms / 1000).toFixed(1)} s (${perSec(r.devices, r.first.ms)}; created ${r.first.counts['created']}, ${r.first.requestsPerDevice} Graph requests/device)`,
    `    stages: ${stages}`,
    `  re-sync unchanged ${(r.unchanged.ms / 1000).toFixed(1)} s, ${r.unchanged.counts['unchanged']} unchanged, register row writes: ${r.unchanged.registerWrites}`,
    `  re-sync 1% changed ${(r.changed1pct.ms / 1000).toFixed(1)} s, ${r.changed1pct.counts['updated']} updated`,
    `  peak RSS ${r.peakRssMb} MB`,
  ].join('\n');
}

const oneAt = process.argv.indexOf('--one');
if (oneAt !== -1) {
  const result = await one(process.argv[oneAt + 1] as Dialect, Number(process.argv[oneAt + 2]));
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const args = process.argv.slice(2);
  const devicesAt = args.indexOf('--devices');
  const sizes = devicesAt === -1 ? [10_000, 100_000] : (args[devicesAt + 1] ?? '').split(',').map(Number);
  const dialects = args.filter((a): a is Dialect => a === 'sqlite' || a === 'postgres');
  const all: SyncBenchResult[] = [];
  for (const dialect of dialects.length > 0 ? dialects : (['sqlite', 'postgres'] as const)) {
    const results: Array<Record<string, unknown>> = [];
    for (const devices of sizes) {
      const result = await isolated(dialect, devices);
      results.push(result);
      all.push(result as unknown as SyncBenchResult);
      console.log(describe(result));
      console.log(JSON.stringify({ bench: 'sync', dialect, devices, firstMs: (result['first'] as { ms: number }).ms, unchangedMs: (result['unchanged'] as { ms: number }).ms, unchangedRegisterWrites: (result['unchanged'] as { registerWrites: number }).registerWrites, changed1pctMs: (result['changed1pct'] as { ms: number }).ms, peakRssMb: result['peakRssMb'], requestsPerDevice: (result['first'] as { requestsPerDevice: number }).requestsPerDevice }));
    }
    const small = results[0];
    const large = results[results.length - 1];
    if (small && large && results.length > 1) {
      const ratio = Number(large['peakRssMb']) / Number(small['peakRssMb']);
      console.log(`sync ${dialect} peak RSS ${String(large['devices'])}/${String(small['devices'])}: ${ratio.toFixed(2)}`);
      console.log(JSON.stringify({ bench: 'sync', dialect, rssRatio: Number(ratio.toFixed(2)) }));
    }
  }
  console.log('\nsync figures side by side (first = empty register; each column its own process, emulator in another):');
  for (const line of syncTable(all)) console.log(line);
}
