import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import type { ConnectionSummary } from '@intune-assets/contracts';
import type { ConnectionTestReport } from '../../connections/connection-service.js';
import { AppError } from '../../errors/app-error.js';
import { printJson, processIo, withApp } from '../run-command.js';
import type { Io } from '../run-command.js';

/** `intune-assets connection add|list|test` (SPEC §7.3). */
export function connectionCommand(io: Io = processIo): Command {
  const command = new Command('connection').description('Intune tenant connections');

  command
    .command('add')
    .description('validate a connection file, encrypt its secret and store it')
    .requiredOption('--file <path>', 'connection JSON file (the emulator line plus a "name" is one)')
    .option('--json', 'print the stored connection as JSON')
    .action(async (options: { file: string; json?: boolean }) =>
      withApp(io, async (app) => {
        const summary = await app.connections.add(await readJsonFile(options.file));
        if (options.json) printJson(io, summary);
        else io.stdout.write(`Added connection "${summary.name}" (tenant ${summary.settings.tenantId}). Next: intune-assets connection test "${summary.name}"\n`);
      }),
    );

  command
    .command('list')
    .description('list connections (never their secrets)')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) =>
      withApp(io, async (app) => {
        const connections = await app.connections.list();
        if (options.json) printJson(io, connections);
        else io.stdout.write(formatList(connections));
      }),
    );

  command
    .command('test')
    .description('Invoke Intune API: token, one page of devices, permissions, available device fields')
    .argument('<name>', 'connection name')
    .option('--json', 'print the report as JSON')
    .action(async (name: string, options: { json?: boolean }) =>
      withApp(io, async (app) => {
        const report = await app.connections.test(name);
        if (options.json) printJson(io, report);
        else io.stdout.write(formatTestReport(report));
        if (!report.ok) process.exitCode = 1;
      }),
    );

  return command;
}

async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AppError('file_unreadable', `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError('file_unreadable', `${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

function formatList(connections: readonly ConnectionSummary[]): string {
  if (connections.length === 0) return 'No connections yet. Add one with: intune-assets connection add --file conn.json\n';
  const rows = connections.map((c) =>
    [c.name, c.settings.isActive ? 'active' : 'inactive', c.settings.syncMode, c.settings.tenantId, c.availableFieldsAt ? `fields ${c.availableFieldsAt}` : 'not tested yet'].join('  '),
  );
  return `${rows.join('\n')}\n`;
}

export function formatTestReport(report: ConnectionTestReport): string {
  const mark = (ok: boolean): string => (ok ? 'ok  ' : 'FAIL');
  const lines = [`Connection "${report.connection}": ${report.ok ? 'OK' : 'FAILED'} (${(report.durationMs / 1000).toFixed(1)} s)`];
  lines.push(`  ${mark(report.token.ok)}  token          ${report.token.ok ? '' : report.token.message}`.trimEnd());
  const names: Record<keyof ConnectionTestReport['capabilities'], string> = {
    devices: 'devices',
    users: 'users',
    detectedApps: 'detected apps',
    autopilot: 'Autopilot',
  };
  for (const [key, label] of Object.entries(names) as Array<[keyof ConnectionTestReport['capabilities'], string]>) {
    const capability = report.capabilities[key];
    const detail = capability.ok ? capability.permission : `${capability.message}`;
    lines.push(`  ${mark(capability.ok)}  ${label.padEnd(14)} ${detail}`);
  }
  const fields = report.availableFields.fields;
  lines.push(
    `  device fields: ${fields.length} available (${fields.filter((f) => f.seenOnDevices).length} seen on ${report.devicesRead} devices, ${fields.filter((f) => f.getOnly).length} need a per-device GET)` +
      (report.availableFields.source === 'live' ? `, stored ${report.availableFields.at}` : ''),
  );
  if (report.availableFields.notice) lines.push(`  note: ${report.availableFields.notice}`);
  return `${lines.join('\n')}\n`;
}
