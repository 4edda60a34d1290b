import { Command, InvalidArgumentError, Option } from 'commander';
import { appRoutes } from '../../http/app-routes.js';
import { createRunServices, startWorkers } from '../../jobs/start-workers.js';
import { startWebServer } from '../../http/start-web-server.js';
import { ensureWebBuild } from '../../http/web-build.js';
import { processIo, withApp } from '../run-command.js';
import type { Io } from '../run-command.js';
import { untilSignal } from './until-signal.js';

interface ServeOptions {
  port: number;
  host: string;
  workers: boolean;
  workersOnly?: boolean;
}

/**
 * `intune-assets serve` (SPEC §7.3): API + UI + scheduler + workers in one process by default; `--no-workers`
 * serves only the API and UI, `--workers-only` only takes runs (scale-out on PostgreSQL).
 */
export function serveCommand(io: Io = processIo): Command {
  return new Command('serve')
    .description('serve the web UI and API, run the scheduler and the sync workers')
    .addOption(new Option('--port <port>', 'port to listen on').argParser(port).env('PORT').default(8080))
    .addOption(new Option('--host <host>', 'address to listen on').env('HOST').default('127.0.0.1'))
    .option('--no-workers', 'do not run syncs in this process (API and UI only)')
    .option('--workers-only', 'only run syncs and the scheduler (no API, no UI)')
    .action(async (options: ServeOptions) =>
      withApp(io, async (app) => {
        const say = (line: string): void => void io.stdout.write(`${line}\n`);
        if (options.workersOnly && !options.workers) throw new InvalidArgumentError('--workers-only and --no-workers exclude each other.');
        const runs = createRunServices(app);
        const background = await startWorkers(app, runs, { workers: options.workers, scheduler: options.workers });
        try {
          if (options.workersOnly) {
            say('Intune Assets worker: taking sync runs and running the scheduler. Ctrl+C stops.');
            await untilSignal();
            return;
          }
          const webRoot = await ensureWebBuild(say);
          const web = await startWebServer(app, { port: options.port, host: options.host, routes: appRoutes(app, runs), webRoot });
          say(`Intune Assets is listening on ${web.url}`);
          if ((await app.accounts.count()) === 0) {
            say('No sign-in account yet. Create the first admin in another terminal:');
            say('  npx intune-assets account create --email you@example.com --role admin   (password on standard input)');
          }
          await untilSignal();
          await web.close();
        } finally {
          await background.stop();
        }
      }, { runsSyncs: true }),
    );
}

function port(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) throw new InvalidArgumentError(`--port must be a port number (0–65535), got '${raw}'.`);
  return Number(raw);
}
