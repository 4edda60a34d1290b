// Reads a whole emulated fleet through IntuneClient.managedDevices and reports throughput and client RSS.
// Run: node --import tsx packages/server/bench/graph-read.bench.ts [deviceCounts…]   (default 10000 100000)
// The emulator runs as a child process so this process's RSS is the client's alone.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { deviceProperties } from '../src/connections/device-schema.js';
import { createIntuneClient, readCaCertFile } from '../src/graph/index.js';
import type { ChildProcess } from 'node:child_process';
import type { EmulatorInfo } from '../src/emulator/index.js';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const cliBin = fileURLToPath(new URL('../bin/intune-assets.mjs', import.meta.url));
async function startChild(args: string[], quiet: boolean): Promise<{ child: ChildProcess; info: EmulatorInfo } | undefined> {
  const child = spawn(process.execPath, args, { cwd: serverDir, stdio: ['ignore', 'pipe', quiet ? 'ignore' : 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const info = await new Promise<EmulatorInfo | undefined>((resolve) => {
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as Partial<EmulatorInfo>;
        if (typeof parsed.graphUrl === 'string') resolve(parsed as EmulatorInfo);
      } catch {
        // not the info line
      }
    });
    child.on('exit', () => resolve(undefined));
  });
  if (info === undefined) return undefined;
  return { child, info };
}

async function startEmulatorProcess(devices: number): Promise<{ child: ChildProcess; info: EmulatorInfo }> {
  const started = await startChild([cliBin, 'emulator', '--devices', String(devices), '--seed', '1'], false);
  if (started === undefined) throw new Error('the emulator child process exited without printing its info line');
  return started;
}

async function run(devices: number): Promise<Record<string, number | string>> {
  const { child, info } = await startEmulatorProcess(devices);
  try {
    const conn = createIntuneClient({
      tenantId: info.tenantId,
      clientId: info.clientId,
      credential: { type: 'client_secret', clientSecret: info.clientSecret },
      authorityUrl: info.authorityUrl,
      graphUrl: info.graphUrl,
      caCertPem: await readCaCertFile(info.caCertFile),
    });
    const select = deviceProperties('v1.0').filter((p) => !p.getOnly).map((p) => p.name);
    // The first pass also measures the emulator serialising every device once (it caches each device's JSON);
    // the second pass is the figure for the client: its throughput with Graph answering at full speed.
    const coldStarted = performance.now();
    let coldCount = 0;
    for await (const page of conn.client.managedDevices({ select })) coldCount += page.length;
    const coldPerSec = Math.round(coldCount / ((performance.now() - coldStarted) / 1000));
    const requestsBefore = conn.http.stats.requests;
    const baselineRss = process.memoryUsage().rss;
    let peakRss = baselineRss;
    const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    let count = 0;
    let checksum = 0;
    for await (const page of conn.client.managedDevices({ select })) {
      count += page.length;
      for (const device of page) checksum += device.serialNumber?.length ?? 0;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    clearInterval(sample);
    await conn.close();
    if (count !== devices) throw new Error(`read ${count} devices, expected ${devices}`);
    return {
      bench: 'graph-read',
      devices,
      devicesPerSec: Math.round(devices / seconds),
      coldDevicesPerSec: coldPerSec,
      requestsPerDevice: Number(((conn.http.stats.requests - requestsBefore) / devices).toFixed(5)),
      peakRssMb: Math.round(peakRss / 1048576),
      baselineRssMb: Math.round(baselineRss / 1048576),
      seconds: Number(seconds.toFixed(2)),
      clientCpuShare: Number(((cpu.user + cpu.system) / 1e6 / seconds).toFixed(2)),
      tokenRequests: conn.tokenStats.tokenRequests,
      checksum,
    };
  } finally {
    child.kill('SIGTERM');
  }
}

// Each fleet size runs in a fresh process, so one size's heap growth does not count against the next one's RSS.
const oneIndex = process.argv.indexOf('--one');
if (oneIndex !== -1) {
  const result = await run(Number(process.argv[oneIndex + 1]));
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const counts = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const results: Array<Record<string, number | string>> = [];
  for (const devices of counts.length > 0 ? counts : [10_000, 100_000]) {
    const result = await runIsolated(devices);
    results.push(result);
    console.log(
      `graph-read ${devices} devices: ${result['devicesPerSec']} devices/s, ${result['requestsPerDevice']} requests/device, ` +
        `peak client RSS ${result['peakRssMb']} MB (before the run ${result['baselineRssMb']} MB; ${result['seconds']} s, client CPU busy ${Math.round(Number(result['clientCpuShare']) * 100)}%; ` +
        `first pass with the emulator serialising cold: ${result['coldDevicesPerSec']} devices/s)`,
    );
    console.log(JSON.stringify({ bench: 'graph-read', devices, devicesPerSec: result['devicesPerSec'], coldDevicesPerSec: result['coldDevicesPerSec'], requestsPerDevice: result['requestsPerDevice'], peakRssMb: result['peakRssMb'] }));
  }
  const small = results[0];
  const large = results[results.length - 1];
  if (results.length > 1 && small !== undefined && large !== undefined) {
    const ratio = Number(large['peakRssMb']) / Number(small['peakRssMb']);
    console.log(`graph-read RSS ratio ${large['devices']}/${small['devices']}: ${ratio.toFixed(2)}`);
    console.log(JSON.stringify({ bench: 'graph-read', rssRatio: Number(ratio.toFixed(2)) }));
  }
}

async function runIsolated(devices: number): Promise<Record<string, number | string>> {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, ['--import', 'tsx', self, '--one', String(devices)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const line = out.trim().split('\n').pop() ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`graph-read bench for ${devices} devices failed (exit ${String(code)})`);
  return JSON.parse(line) as Record<string, number | string>;
}
