// `npm run bench`: runs every benchmark in its own process (so RSS figures are each one's own), prints their
// lines as they come, then a summary against the targets of SPEC §9 and the issues. Figures, not pass/fail tests.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

interface Bench {
  readonly name: string;
  readonly script: string;
  readonly args?: readonly string[];
}

const root = fileURLToPath(new URL('../../..', import.meta.url));
const BENCHES: readonly Bench[] = [
  { name: 'expr', script: 'packages/expr/bench/discovery-mapping.bench.ts' },
  { name: 'emulator-generate', script: 'packages/server/bench/emulator-generate.bench.ts' },
  { name: 'graph-read', script: 'packages/server/bench/graph-read.bench.ts' },
  { name: 'store-write', script: 'packages/server/bench/store-write.bench.ts' },
  { name: 'sync', script: 'packages/server/bench/sync.bench.ts' },
  { name: 'register-query', script: 'packages/server/bench/register-query.bench.ts' },
  { name: 'api-during-sync', script: 'packages/server/bench/api-during-sync.bench.ts' },
];

type Figures = Record<string, unknown>;

async function runBench(bench: Bench): Promise<Figures[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', bench.script, ...(bench.args ?? [])], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const figures: Figures[] = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let newline = buffered.indexOf('\n');
    while (newline !== -1) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.startsWith('{')) figures.push(JSON.parse(line) as Figures);
      else if (line.trim() !== '') process.stdout.write(`${line}\n`);
      newline = buffered.indexOf('\n');
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`bench ${bench.name} exited with ${String(code)}`);
  return figures;
}

const selected = process.argv.slice(2);
const all: Figures[] = [];
for (const bench of BENCHES.filter((b) => selected.length === 0 || selected.includes(b.name))) {
  process.stdout.write(`\n## ${bench.name}\n`);
  all.push(...(await runBench(bench)));
}

const find = (bench: string, predicate: (f: Figures) => boolean = () => true): Figures | undefined =>
  all.find((f) => f['bench'] === bench && predicate(f));
const rows: Array<[string, string, string]> = [];
const expr = find('expr');
if (expr) rows.push(['expression evaluations/s (discovery mapping, 100k records)', String(expr['evaluationsPerSec']), '≥ 1,000,000']);
const generate = find('emulator-generate');
if (generate) rows.push(['emulated fleet generated (100k devices)', `${String(generate['ms'])} ms`, 'seconds, not minutes']);
const read100k = find('graph-read', (f) => f['devices'] === 100_000);
if (read100k) {
  rows.push(['Graph read + parse, 100k devices (devices/s)', String(read100k['devicesPerSec']), '≥ 50,000']);
  rows.push(['Graph requests per device (list)', String(read100k['requestsPerDevice']), '≈ 1/1000']);
}
const ratio = find('graph-read', (f) => f['rssRatio'] !== undefined);
if (ratio) rows.push(['client peak RSS 100k / 10k', String(ratio['rssRatio']), '≤ 1.5']);

for (const dialect of ['sqlite', 'postgres']) {
  const run = find('sync', (f) => f['dialect'] === dialect && f['devices'] === 100_000);
  if (run) {
    rows.push([`sync ${dialect}: first full sync, 100k devices`, `${(Number(run['firstMs']) / 1000).toFixed(1)} s`, '≤ 15 s']);
    rows.push([`sync ${dialect}: re-sync, nothing changed`, `${(Number(run['unchangedMs']) / 1000).toFixed(1)} s`, '≤ 5 s']);
    rows.push([`sync ${dialect}: register row writes when nothing changed`, String(run['unchangedRegisterWrites']), '0']);
    rows.push([`sync ${dialect}: re-sync, 1% changed`, `${(Number(run['changed1pctMs']) / 1000).toFixed(1)} s`, '≤ 6 s']);
  }
  const syncRatio = find('sync', (f) => f['dialect'] === dialect && f['rssRatio'] !== undefined);
  if (syncRatio) rows.push([`sync ${dialect}: peak RSS 100k / 10k`, String(syncRatio['rssRatio']), '≤ 1.5']);
}

for (const dialect of ['sqlite', 'postgres']) {
  const lists = all.filter((f) => f['bench'] === 'register-query' && f['dialect'] === dialect);
  const worst = (key: string) => Math.max(...lists.map((f) => Number(f[key])));
  if (lists.length > 0) rows.push([`assets list ${dialect}: 100k assets, slowest of ${String(lists.length)} queries p50/p95`, `${String(worst('p50Ms'))}/${String(worst('p95Ms'))} ms`, '< 100 ms']);
}

const during = find('api-during-sync');
if (during) {
  const endpoints = Object.values(during['endpoints'] as Record<string, { p95Ms: number; maxMs: number }>);
  rows.push([`API during a ${Number(during['devices']).toLocaleString('en-US')}-device sync: slowest p95/max`, `${String(Math.max(...endpoints.map((e) => e.p95Ms)))}/${String(Math.max(...endpoints.map((e) => e.maxMs)))} ms`, 'responsive']);
  const loop = during['eventLoop'] as { maxDelayMs: number };
  const sse = during['sse'] as { maxGapMs: number };
  rows.push(['  event-loop max delay / SSE max progress gap during it', `${String(loop.maxDelayMs)}/${String(sse.maxGapMs)} ms`, 'responsive']);
}

process.stdout.write('\n## summary\n');
for (const [what, value, target] of rows) process.stdout.write(`${what.padEnd(62)} ${value.padStart(12)}   target ${target}\n`);
