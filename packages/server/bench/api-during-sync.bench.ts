// Issue 6 (Speed): "the UI stays responsive during a 100,000-device sync", printed (not asserted). The whole product
// runs in this process as `serve` runs it on SQLite (API + workers over one store, the sync in the API's event
// loop); a browser stand-in in a child process signs in over HTTP, presses Sync now, then every 100 ms makes the
// calls a page makes while it watches a run (progress, an assets page, the connections) one after another, and
// follows the run's server-sent events. The stand-in is its own process so a blocked server loop shows up as
// latency instead of also delaying the clock that starts each call. The emulated tenant runs in a third process.
// Run: node --import tsx packages/server/bench/api-during-sync.bench.ts [--devices 10000] [--interval-ms 100]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { settingsOf } from '../src/connections/connection-view.js';
import { loadConfig } from '../src/config/load.js';
import { appRoutes } from '../src/http/app-routes.js';
import { startWebServer } from '../src/http/start-web-server.js';
import { createRunServices, startWorkers } from '../src/jobs/start-workers.js';
import { createApp } from '../src/main.js';
import { compileSyncPlan } from '../src/mapping/compile-plan.js';
import { startEmulatorChild, warmEmulatorChild } from './emulator-child.js';

const self = fileURLToPath(import.meta.url);
const CONNECTION = 'Bench';
const EMAIL = 'bench-admin@example.com';
const PASSWORD = 'bench correct horse battery';
const ENDPOINTS = ['run', 'assets', 'connections'] as const;
type Endpoint = (typeof ENDPOINTS)[number];

interface ProbeInput {
  readonly url: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

interface Stats {
  readonly n: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

interface ProbeResult {
  readonly type: 'result';
  readonly runId: string;
  readonly wallMs: number;
  readonly endpoints: Record<Endpoint, Stats>;
  readonly sse: { readonly progressEvents: number; readonly firstEventMs: number | null; readonly maxGapMs: number; readonly p95GapMs: number; readonly maxGapBetween: string | null };
}

function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number): number => Number((sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0).toFixed(1));
  return { n: sorted.length, p50Ms: at(50), p95Ms: at(95), p99Ms: at(99), maxMs: at(100) };
}

// ---------------------------------------------------------------- the browser stand-in (child process)

async function probe(input: ProbeInput): Promise<void> {
  const dispatcher = new Agent({ keepAliveTimeout: 30_000 });
  const signIn = await request(`${input.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password: PASSWORD }), dispatcher });
  const session = (await signIn.body.json()) as { csrfToken?: string };
  const setCookie = signIn.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)?.split(';')[0];
  if (signIn.statusCode !== 200 || cookie === undefined || session.csrfToken === undefined) throw new Error(`sign-in answered ${signIn.statusCode}`);
  const headers = { cookie };

  const started = performance.now();
  const queued = await request(`${input.url}/api/v1/connections/${CONNECTION}/runs`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': session.csrfToken }, body: '{}', dispatcher });
  const { runId } = (await queued.body.json()) as { runId?: string };
  if (queued.statusCode !== 202 || runId === undefined) throw new Error(`Sync now answered ${queued.statusCode}`);
  process.stdout.write(`${JSON.stringify({ type: 'started', runId })}\n`);

  let isFinished = false;
  const events: Array<{ atMs: number; stage: string }> = [];
  const sse = (async () => {
    const stream = await request(`${input.url}/api/v1/runs/${runId}/events`, { headers: { ...headers, accept: 'text/event-stream' }, dispatcher });
    let buffered = '';
    for await (const chunk of stream.body) {
      buffered += (chunk as Buffer).toString();
      let end = buffered.indexOf('\n\n');
      while (end !== -1) {
        const message = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const event = /^event: (\w+)$/m.exec(message)?.[1];
        const data = /^data: (.*)$/m.exec(message)?.[1] ?? '{}';
        if (event === 'progress') events.push({ atMs: performance.now() - started, stage: String((JSON.parse(data) as { stage?: unknown }).stage) });
        if (event === 'finished') isFinished = true;
        end = buffered.indexOf('\n\n');
      }
    }
    isFinished = true;
  })();

  const paths: Record<Endpoint, string> = {
    run: `/api/v1/runs/${runId}`,
    assets: '/api/v1/assets?limit=50&status=allocated',
    connections: '/api/v1/connections',
  };
  const latencies: Record<Endpoint, number[]> = { run: [], assets: [], connections: [] };
  while (!isFinished && performance.now() - started < input.timeoutMs) {
    const tick = performance.now();
    for (const endpoint of ENDPOINTS) {
      const t0 = performance.now();
      const response = await request(`${input.url}${paths[endpoint]}`, { headers, dispatcher });
      const body = await response.body.text();
      latencies[endpoint].push(performance.now() - t0);
      if (response.statusCode !== 200) throw new Error(`GET ${paths[endpoint]} answered ${response.statusCode}: ${body.slice(0, 200)}`);
      if (endpoint === 'run') {
        const status = (JSON.parse(body) as { run?: { status?: string } }).run?.status;
        if (status !== 'queued' && status !== 'running') isFinished = true;
      }
    }
    const waitMs = input.intervalMs - (performance.now() - tick);
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
  const wallMs = performance.now() - started;
  await Promise.race([sse, new Promise((resolve) => setTimeout(resolve, 5_000))]);

  const gaps = events.slice(1).map((event, i) => ({ ms: event.atMs - (events[i]?.atMs ?? 0), between: `${events[i]?.stage ?? '?'} → ${event.stage}` }));
  const widest = gaps.reduce<{ ms: number; between: string } | null>((a, b) => (a === null || b.ms > a.ms ? b : a), null);
  const result: ProbeResult = {
    type: 'result',
    runId,
    wallMs: Math.round(wallMs),
    endpoints: { run: stats(latencies.run), assets: stats(latencies.assets), connections: stats(latencies.connections) },
    sse: {
      progressEvents: events.length,
      firstEventMs: events[0] === undefined ? null : Math.round(events[0].atMs),
      maxGapMs: Math.round(widest?.ms ?? 0),
      p95GapMs: stats(gaps.map((g) => g.ms)).p95Ms,
      maxGapBetween: widest?.between ?? null,
    },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await dispatcher.close();
  process.exit(0);
}

// ---------------------------------------------------------------- the product (this process)

/** Loop stalls ≥ `thresholdMs`, each with the run stage it happened in, so a slow stretch can be placed. */
function stallRecorder(thresholdMs: number, stageNow: () => string): { stop(): Array<{ stage: string; ms: number }> } {
  const stalls: Array<{ stage: string; ms: number }> = [];
  const periodMs = 10;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const lateMs = now - last - periodMs;
    if (lateMs >= thresholdMs) stalls.push({ stage: stageNow(), ms: Math.round(lateMs) });
    last = now;
  }, periodMs);
  return { stop: () => { clearInterval(timer); return stalls; } };
}

async function main(devices: number, intervalMs: number): Promise<void> {
  const { child: emulator, info } = await startEmulatorChild(devices);
  const dataDir = mkdtempSync(join(tmpdir(), 'ia-api-bench-'));
  const config = loadConfig({
    INTUNE_ASSETS_DATA_DIR: dataDir,
    DATABASE_URL: `sqlite:${join(dataDir, 'bench.db')}`,
    INTUNE_ASSETS_SECRET_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
  });
  const app = await createApp(config, { runsSyncs: !process.argv.includes('--no-worker-threads') });
  try {
    await app.accounts.create({ email: EMAIL, role: 'admin', password: PASSWORD });
    await app.connections.add({ name: CONNECTION, ...info });
    const connection = await app.connections.get(CONNECTION);
    const compiled = compileSyncPlan({ document: settingsOf(connection), connectionId: connection.id, departmentId: connection.departmentId });
    if (!compiled.ok) throw new Error('bench connection settings do not compile');
    await warmEmulatorChild(info, compiled.plan.listFields);

    const runs = createRunServices(app);
    const workers = await startWorkers(app, runs, { workers: true, scheduler: false });
    const web = await startWebServer(app, { port: 0, host: '127.0.0.1', routes: appRoutes(app, runs), webRoot: null });
    try {
      const loop = monitorEventLoopDelay({ resolution: 10 });
      let stage = 'queued';
      let stalls: { stop(): Array<{ stage: string; ms: number }> } | undefined;
      let unsubscribe = (): void => undefined;
      const input: ProbeInput = { url: web.url, intervalMs, timeoutMs: 15 * 60_000 };
      const prober = spawn(process.execPath, ['--import', 'tsx', self, '--probe', JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise<number | null>((resolve) => prober.on('exit', resolve));
      let result: ProbeResult | undefined;
      for await (const line of createInterface({ input: prober.stdout! })) {
        const message = JSON.parse(line) as { type: string; runId?: string };
        if (message.type === 'started' && message.runId !== undefined) {
          loop.enable();
          stalls = stallRecorder(50, () => stage);
          unsubscribe = runs.manager.subscribe(message.runId, (event) => { if (event.type === 'progress') stage = event.progress.stage; });
        }
        if (message.type === 'result') result = message as unknown as ProbeResult;
      }
      loop.disable();
      unsubscribe();
      const stallList = stalls?.stop() ?? [];
      const code = await exited;
      if (code !== 0 || result === undefined) throw new Error(`the browser stand-in failed (exit ${String(code)})`);
      const { run, report } = await runs.history.detail(result.runId);
      const syncReport = report as { durationMs?: number; stages?: Record<string, { ms: number }> } | null;
      const stallsByStage: Record<string, { count: number; totalMs: number; maxMs: number }> = {};
      for (const s of stallList) {
        const entry = (stallsByStage[s.stage] ??= { count: 0, totalMs: 0, maxMs: 0 });
        entry.count += 1;
        entry.totalMs += s.ms;
        entry.maxMs = Math.max(entry.maxMs, s.ms);
      }
      const figures = {
        bench: 'api-during-sync',
        dialect: 'sqlite',
        devices,
        status: run.status,
        syncMs: syncReport?.durationMs ?? null,
        wallMs: result.wallMs,
        stages: Object.fromEntries(Object.entries(syncReport?.stages ?? {}).map(([name, s]) => [name, s.ms])),
        endpoints: result.endpoints,
        sse: result.sse,
        eventLoop: { maxDelayMs: Math.round(loop.max / 1e6), p99DelayMs: Math.round(loop.percentile(99) / 1e6), meanDelayMs: Math.round(loop.mean / 1e6) },
        stallsOver50Ms: stallsByStage,
      };
      const row = (name: string, s: Stats): string => `  ${name.padEnd(40)} p50 ${s.p50Ms} / p95 ${s.p95Ms} / p99 ${s.p99Ms} / max ${s.maxMs} ms (${s.n} calls)`;
      console.log(`API during a ${devices.toLocaleString('en-US')}-device first sync (SQLite, sync in the API process), ${run.status} in ${((syncReport?.durationMs ?? 0) / 1000).toFixed(1)} s:`);
      console.log(row(`GET /api/v1/runs/:id`, result.endpoints.run));
      console.log(row(`GET /api/v1/assets?limit=50&status=…`, result.endpoints.assets));
      console.log(row(`GET /api/v1/connections`, result.endpoints.connections));
      console.log(`  SSE progress: ${result.sse.progressEvents} events, max gap ${result.sse.maxGapMs} ms (${result.sse.maxGapBetween ?? '—'}), p95 gap ${result.sse.p95GapMs} ms`);
      console.log(`  event loop delay: max ${figures.eventLoop.maxDelayMs} ms, p99 ${figures.eventLoop.p99DelayMs} ms; stalls ≥ 50 ms by stage: ${JSON.stringify(stallsByStage)}`);
      console.log(JSON.stringify(figures));
    } finally {
      await workers.stop({ graceMs: 1_000 });
      await web.close();
    }
  } finally {
    await app.close();
    emulator.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at === -1 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} takes a positive whole number (got "${process.argv[at + 1] ?? ''}")`);
  return value;
}

const probeAt = process.argv.indexOf('--probe');
if (probeAt !== -1) await probe(JSON.parse(process.argv[probeAt + 1] ?? '{}') as ProbeInput);
else await main(option('--devices', 100_000), option('--interval-ms', 100));
