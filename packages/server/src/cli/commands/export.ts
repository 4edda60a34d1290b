import { Command, Option } from 'commander';
import { exportAssets, exportUsers } from '../../register/register-export.js';
import { processIo, withApp } from '../run-command.js';
import type { Io } from '../run-command.js';
import { csvCell } from '../../register/assets-csv.js';

/** `intune-assets export assets|users [--format json|csv]` (SPEC §7.3), streamed: flat memory at any size. */
export function exportCommand(io: Io = processIo): Command {
  return new Command('export')
    .description('print the register on stdout')
    .addArgument(new Command().createArgument('<what>', 'what to export').choices(['assets', 'users']))
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv']).default('json'))
    .action(async (what: 'assets' | 'users', options: { format: 'json' | 'csv' }) =>
      withApp(io, async (app) => {
        const rows: AsyncIterable<object> = what === 'assets' ? exportAssets(app.store) : exportUsers(app.store);
        if (options.format === 'json') await writeJson(io, rows);
        else await writeCsv(io, rows);
      }),
    );
}

async function writeJson(io: Io, rows: AsyncIterable<object>): Promise<void> {
  let first = true;
  io.stdout.write('[');
  for await (const row of rows) {
    io.stdout.write(`${first ? '\n' : ',\n'}${JSON.stringify(row)}`);
    first = false;
  }
  io.stdout.write(first ? ']\n' : '\n]\n');
}

async function writeCsv(io: Io, rows: AsyncIterable<object>): Promise<void> {
  let columns: string[] | null = null;
  for await (const row of rows) {
    const record = row as Record<string, unknown>;
    if (columns === null) {
      columns = Object.keys(record);
      io.stdout.write(`${columns.map(csvCell).join(',')}\r\n`);
    }
    io.stdout.write(`${columns.map((c) => csvCell(record[c])).join(',')}\r\n`);
  }
}
