import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { emulatorInfo, startEmulator } from '../../emulator/index.js';
import type { RunningEmulator } from '../../emulator/index.js';
import { randomBytes } from 'node:crypto';
import { appRoutes } from '../../http/app-routes.js';
import { startWebServer } from '../../http/start-web-server.js';
import { ensureWebBuild } from '../../http/web-build.js';
import { createRunServices, startWorkers } from '../../jobs/start-workers.js';
import type { App } from '../../main.js';
import { formatTestReport } from './connection.js';
import { untilSignal } from './until-signal.js';
import { formatReport } from './sync.js';
import { processIo, withApp } from '../run-command.js';
import type { Io } from '../run-command.js';

export const DEMO_CONNECTION = 'Demo';
export const DEMO_ADMIN_EMAIL = 'admin@demo.local';

interface DemoOptions {
  devices: number;
  seed: number;
  port: number;
  exit?: boolean;
}

/**
 * `intune-assets demo`: the main job on a fresh machine (SPEC §7.3). Embedded SQLite under ./data, the emulated
 * tenant with a realistic fleet, a demo connection against it, tested through msal-node and HTTPS exactly as
 * a real tenant would be, and a first sync into the register; then it keeps the tenant up so the other
 * commands can be tried against it.
 */
export function demoCommand(io: Io = processIo): Command {
  return new Command('demo')
    .description('run the product against the emulated Intune tenant with the embedded register')
    .addOption(new Option('--devices <n>', 'devices in the emulated fleet').argParser(positive('--devices')).default(2000))
    .addOption(new Option('--seed <s>', 'fleet generator seed').argParser(positive('--seed')).default(1))
    .addOption(new Option('--port <port>', 'port of the web UI (a free one when taken)').argParser(positive('--port')).env('PORT').default(8080))
    .option('--exit', 'stop after the first sync instead of serving the UI')
    .action(async (options: DemoOptions) =>
      withApp(io, async (app) => {
        const say = (line: string): void => void io.stdout.write(`${line}\n`);
        say(`Register: ${app.config.db.url}`);
        const emulator = await startEmulator({
          devices: options.devices,
          seed: options.seed,
          stateDir: join(app.config.dataDir, 'emulator'),
          log: (line) => app.logger.debug({ emulator: line }),
        });
        try {
          say(`Emulated Intune tenant: ${emulator.fleet.size()} devices at ${emulator.graphUrl} (tenant ${emulator.tenantId})`);
          await app.connections.add({ name: DEMO_CONNECTION, description: 'The emulated tenant of `intune-assets demo`', ...emulatorInfo(emulator) }, { replaceExisting: true });
          say(`Connection "${DEMO_CONNECTION}" saved (client secret encrypted at rest).`);
          const report = await app.connections.test(DEMO_CONNECTION);
          io.stdout.write(formatTestReport(report));
          if (!report.ok) throw new Error('the demo connection test failed; see above');
          const run = await app.sync.run(DEMO_CONNECTION);
          io.stdout.write(formatReport(run));
          const assets = await app.store.repos.assets.count();
          say(`The register now holds ${assets} assets. See them with: npx intune-assets export assets --format csv`);
          if (run.status === 'failed') throw new Error('the first sync failed; see above');
          if (options.exit) return;
          await serveDemo(app, options.port, say);
        } finally {
          await closeQuietly(emulator);
        }
      }, { runsSyncs: true }),
    );
}

function positive(name: string): (raw: string) => number {
  return (raw) => {
    if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new InvalidArgumentError(`${name} must be a positive integer, got '${raw}'.`);
    return Number(raw);
  };
}

async function closeQuietly(emulator: RunningEmulator): Promise<void> {
  await emulator.close().catch(() => undefined);
}

/** The UI, API, scheduler and workers over the demo register, and a demo admin whose new password is printed once. */
async function serveDemo(app: App, port: number, say: (line: string) => void): Promise<void> {
  const runs = createRunServices(app);
  const workers = await startWorkers(app, runs, { workers: true, scheduler: true });
  try {
    const webRoot = await ensureWebBuild(say);
    const web = await startWebServer(app, { port, host: '127.0.0.1', routes: appRoutes(app, runs), webRoot, fallbackToFreePort: true });
    const password = randomBytes(12).toString('base64url');
    const existing = await app.store.repos.accounts.findByEmail(DEMO_ADMIN_EMAIL);
    if (existing) await app.accounts.update(existing.account.id, { password, isActive: true, role: 'admin' }, null);
    else await app.accounts.create({ email: DEMO_ADMIN_EMAIL, role: 'admin', password });
    say('');
    say(`Open ${web.url} and sign in as ${DEMO_ADMIN_EMAIL} with password ${password}`);
    say('(a new password on every demo start; create your own account with: npx intune-assets account create --email you@example.com --role admin)');
    say('The emulated tenant and the UI stay up until Ctrl+C. In another terminal, try:');
    say(`  npx intune-assets sync ${DEMO_CONNECTION} --json | head -c 600`);
    say(`  npx intune-assets export assets --format csv | head`);
    await untilSignal();
    await web.close();
  } finally {
    await workers.stop();
  }
}
