// The emulated tenant in a child process for benches, and its warm-up from another child: the emulator serialises
// each device once and caches it, so a bench warms it to measure the product, not the stand-in's cold pass. The
// warm-up reads in its own process so its 100,000 parsed devices never count in the bench process's heap or RSS.
// Run as a script (`--warm <json>`) it is that warm-up; imported, it only exports the helpers.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import type { EmulatorInfo } from '../src/emulator/index.js';
import { createIntuneClient } from '../src/graph/index.js';

const cliBin = fileURLToPath(new URL('../bin/intune-assets.mjs', import.meta.url));
const self = fileURLToPath(import.meta.url);

/** Starts `intune-assets emulator` with a seeded fleet and returns once it printed its connection info. */
export async function startEmulatorChild(devices: number): Promise<{ child: ChildProcess; info: EmulatorInfo }> {
  const child = spawn(process.execPath, [cliBin, 'emulator', '--devices', String(devices), '--seed', '1'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const info = await new Promise<EmulatorInfo>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as EmulatorInfo));
    child.once('exit', () => reject(new Error('the emulator exited before printing its info line')));
  });
  return { child, info };
}

/** Reads every device page (with `select`) and the directory once, from a child process. */
export async function warmEmulatorChild(info: EmulatorInfo, select: readonly string[]): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', self, '--warm', JSON.stringify({ info, select })], { stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`warming the emulator failed (exit ${String(code)})`);
}

async function warm(info: EmulatorInfo, select: readonly string[]): Promise<void> {
  const reader = createIntuneClient({ tenantId: info.tenantId, clientId: info.clientId, credential: { type: 'client_secret', clientSecret: info.clientSecret }, authorityUrl: info.authorityUrl, graphUrl: info.graphUrl, caCertPem: readFileSync(info.caCertFile, 'utf8') });
  for await (const page of reader.client.managedDevices({ select: [...select] })) void page;
  for await (const page of reader.client.users({ select: ['id', 'userPrincipalName', 'mail', 'givenName', 'surname', 'employeeId', 'onPremisesSamAccountName', 'officeLocation', 'department'] })) void page;
  await reader.close();
}

const warmAt = process.argv.indexOf('--warm');
if (process.argv[1] === self && warmAt !== -1) {
  const { info, select } = JSON.parse(process.argv[warmAt + 1] ?? '{}') as { info: EmulatorInfo; select: string[] };
  await warm(info, select);
}
