import { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { ProgressEvent } from '../../sync/ports.js';
import type { RunReport } from '../../sync/run-report.js';
import { processIo, withApp } from '../run-command.js';
import type { Io } from '../run-command.js';

/** `intune-assets sync <connection> [--dry-run] [--json]` (SPEC §7.3): one run in the foreground. */
export function syncCommand(io: Io = processIo): Command {
  return new Command('sync')
    .description('run one sync of a connection in the foreground and print its report')
    .argument('<connection>', 'connection name')
    .option('--dry-run', 'write nothing; report the full diff (create / update old → new / unchanged / skip / retire)')
    .option('--json', 'print the run report as one JSON object')
    .action(async (name: string, options: { dryRun?: boolean; json?: boolean }) =>
      withApp(io, async (app) => {
        const bar = progressBar(io, options.json === true);
        const controller = new AbortController();
        const stop = (): void => controller.abort(new Error('interrupted'));
        process.once('SIGINT', stop);
        try {
          const report = await app.sync.run(name, { dryRun: options.dryRun === true, signal: controller.signal, onProgress: bar.update });
          bar.stop();
          if (options.json) io.stdout.write(`${JSON.stringify(report)}\n`);
          else io.stdout.write(formatReport(report));
          if (report.status === 'failed') process.exitCode = 1;
        } finally {
          bar.stop();
          process.off('SIGINT', stop);
        }
      }, { runsSyncs: true }),
    );
}

function progressBar(io: Io, isJson: boolean): { update: (event: ProgressEvent) => void; stop: () => void } {
  const stream = io.stderr as NodeJS.WriteStream;
  if (isJson || !stream.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream, format: ' {stage} |{bar}| {value} devices processed, {fetched} fetched', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let stopped = false;
  return {
    update(event) {
      if (stopped) return;
      if (!started) {
        bar.start(Math.max(event.devicesFetched, 1), 0, { stage: event.stage, fetched: 0 });
        started = true;
      }
      bar.setTotal(Math.max(event.devicesFetched, event.devicesDone, 1));
      bar.update(event.devicesDone, { stage: event.stage.padEnd(9), fetched: event.devicesFetched });
    },
    stop() {
      if (started && !stopped) bar.stop();
      stopped = true;
    },
  };
}

export function formatReport(report: RunReport): string {
  const c = report.counts;
  const skipped = Object.entries(c.skipped).map(([reason, n]) => `${reason} ${n}`).join(', ');
  const lines = [
    `Sync of "${report.connection}" ${report.dryRun ? '(dry run, nothing written) ' : ''}${report.status.toUpperCase()} in ${(report.durationMs / 1000).toFixed(1)} s (run ${report.runId})`,
    `  fetched ${c.fetched}: synced ${c.synced} (created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}), unsynced ${c.unsynced}`,
    `  skipped: ${skipped || 'none'}; failed ${c.failed}`,
    `  allocated ${c.allocated}, employees created ${c.usersCreated}, gone from Intune ${c.missing} (retired ${c.retired}), restored ${c.restored}, inactive ${c.inactivated}`,
    `  Graph: ${report.graph.requests} requests (${report.graph.requestsPerDevice} per device)`,
  ];
  for (const notice of report.notices) lines.push(`  note: ${notice}`);
  for (const error of report.errors.slice(0, 10)) lines.push(`  error ${error.deviceId} [${error.stage}/${error.code}]: ${error.message}`);
  if (report.errors.length > 10 || report.errorsOmitted > 0) lines.push(`  … ${report.errors.length - 10 + report.errorsOmitted} more errors in the JSON report`);
  if (report.diff) {
    const byAction = new Map<string, number>();
    for (const d of report.diff) byAction.set(d.action, (byAction.get(d.action) ?? 0) + 1);
    lines.push(`  diff: ${[...byAction].map(([a, n]) => `${a} ${n}`).join(', ')} (the full diff: --json)`);
  }
  return `${lines.join('\n')}\n`;
}

