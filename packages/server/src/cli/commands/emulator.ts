import { Command, InvalidArgumentError, Option } from 'commander';
import type { FaultSpec } from '../../emulator/index.js';
import { emulatorInfo, parseFaultSpec, startEmulator } from '../../emulator/index.js';

function integer(name: string, min: number): (raw: string) => number {
  return (raw) => {
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min) throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}, got '${raw}'.`);
    return value;
  };
}

function collectFault(raw: string, previous: FaultSpec[]): FaultSpec[] {
  try {
    return [...previous, parseFaultSpec(raw)];
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
}

interface EmulatorCliOptions {
  devices: number;
  seed: number;
  scenario?: string;
  port: number;
  fault: FaultSpec[];
  tokenLifetime: number;
  pageSize: number;
  stateDir?: string;
  latencyMs: number;
  secretExpired?: boolean;
}

/**
 * `intune-assets emulator`: runs the emulated tenant and prints ONE JSON line (the connection details)
 * on stdout; logs go to stderr; SIGINT/SIGTERM close it cleanly.
 */
export function emulatorCommand(): Command {
  return new Command('emulator')
    .description('Run the emulated Intune tenant (Entra + Graph over HTTPS with its own CA)')
    .addOption(new Option('--devices <n>', 'generated fleet size').argParser(integer('--devices', 0)).default(500))
    .addOption(new Option('--seed <s>', 'generator seed').argParser(integer('--seed', 0)).default(1))
    .option('--scenario <file>', 'serve the fleet in this JSON file instead of generating one (reloaded on change)')
    .addOption(new Option('--port <p>', 'port on 127.0.0.1 (0 = any free port)').argParser(integer('--port', 0)).default(0))
    .addOption(new Option('--fault <spec>', 'inject a fault, e.g. throttle:retry-after=2.128:on=managedDevices:count=2 (repeatable)').argParser(collectFault).default([]))
    .addOption(new Option('--token-lifetime <sec>', 'access token expires_in').argParser(integer('--token-lifetime', 1)).default(3599))
    .addOption(new Option('--page-size <n>', 'managedDevices page size').argParser(integer('--page-size', 1)).default(1000))
    .option('--state-dir <dir>', 'directory for the CA certificate file (default: a new temp dir)')
    .addOption(new Option('--latency-ms <ms>', 'added latency per request').argParser(integer('--latency-ms', 0)).default(0))
    .option('--secret-expired', 'answer token requests with AADSTS7000222 (expired secret)')
    .action(async (opts: EmulatorCliOptions) => {
      const log = (line: string): void => {
        process.stderr.write(`${line}\n`);
      };
      let emulator;
      try {
        emulator = await startEmulator({
          devices: opts.devices,
          seed: opts.seed,
          port: opts.port,
          faults: opts.fault,
          tokenLifetimeSec: opts.tokenLifetime,
          pageSize: opts.pageSize,
          latencyMs: opts.latencyMs,
          secretExpired: opts.secretExpired === true,
          log,
          ...(opts.scenario === undefined ? {} : { scenarioFile: opts.scenario }),
          ...(opts.stateDir === undefined ? {} : { stateDir: opts.stateDir }),
        });
      } catch (error) {
        log(`error: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`${JSON.stringify(emulatorInfo(emulator))}\n`);
      log(`emulator: serving ${emulator.fleet.size()} devices at ${emulator.graphUrl} (Ctrl+C to stop)`);
      const running = emulator;
      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          log(`emulator: ${signal}, closing`);
          void running.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
