import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { emulatorInfo, startEmulator } from '../../emulator/index.js';
import type { RunningEmulator } from '../../emulator/index.js';
import { formatTestReport } from './connection.js';
import { formatReport } from './sync.js';
import { processIo, withApp } from '../run-command.js';
import type { Io } from '../run-command.js';

export const DEMO_CONNECTION = 'Demo';

interface DemoOptions {
  devices: number;
  seed: number;
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
    .option('--exit', 'stop after the first steps instead of keeping the emulated tenant up')
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
          say('');
          say('The emulated tenant stays up until Ctrl+C. In another terminal, try:');
          say(`  npx intune-assets sync ${DEMO_CONNECTION}            # again: everything unchanged`);
          say(`  npx intune-assets sync ${DEMO_CONNECTION} --dry-run --json | head -c 2000`);
          say(`  npx intune-assets connection test ${DEMO_CONNECTION}`);
          say('  npx intune-assets connection list --json');
          say(`  npx intune-assets expr "UPPER(LEFT(COALESCE(DeviceName, 'Unknown'), 50))" --record '{"deviceName":"cpc-demo-01"}'`);
          await untilSignal();
        } finally {
          await closeQuietly(emulator);
        }
      }),
    );
}

function positive(name: string): (raw: string) => number {
  return (raw) => {
    if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new InvalidArgumentError(`${name} must be a positive integer, got '${raw}'.`);
    return Number(raw);
  };
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

async function closeQuietly(emulator: RunningEmulator): Promise<void> {
  await emulator.close().catch(() => undefined);
}
