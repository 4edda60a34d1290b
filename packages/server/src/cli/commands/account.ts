import { Command, Option } from 'commander';
import { ACCOUNT_ROLES } from '../../domain/account.js';
import type { AccountRole } from '../../domain/account.js';
import { AppError } from '../../errors/app-error.js';
import { printJson, processIo, withApp } from '../run-command.js';
import type { Io } from '../run-command.js';

/**
 * `intune-assets account create|list|reset-password` (SPEC §7.3). Passwords come from standard input only: a
 * command line is visible to every user of the machine (`ps`) and lands in shell history.
 */
export function accountCommand(io: Io = processIo, stdin: NodeJS.ReadableStream = process.stdin): Command {
  const command = new Command('account').description('sign-in accounts of the web UI and API');

  command
    .command('create')
    .description('create a sign-in account; the password is read from standard input')
    .requiredOption('--email <email>', 'sign-in email')
    .addOption(new Option('--role <role>', 'what the account may do').choices([...ACCOUNT_ROLES]).makeOptionMandatory())
    .action(async (options: { email: string; role: AccountRole }) =>
      withApp(io, async (app) => {
        const password = await readPassword(stdin, io);
        const account = await app.accounts.create({ email: options.email, role: options.role, password });
        io.stdout.write(`Created ${account.role} account ${account.email}.\n`);
      }),
    );

  command
    .command('reset-password')
    .description('set a new password (read from standard input); ends the account\'s sessions')
    .requiredOption('--email <email>', 'sign-in email')
    .action(async (options: { email: string }) =>
      withApp(io, async (app) => {
        const found = await app.store.repos.accounts.findByEmail(options.email);
        if (!found) throw new AppError('not_found', `No account ${options.email}.`);
        const password = await readPassword(stdin, io);
        await app.accounts.update(found.account.id, { password }, null);
        io.stdout.write(`New password set for ${found.account.email}.\n`);
      }),
    );

  command
    .command('list')
    .description('list sign-in accounts')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) =>
      withApp(io, async (app) => {
        const accounts = await app.accounts.list();
        if (options.json) printJson(io, accounts);
        else if (accounts.length === 0) io.stdout.write('No accounts yet. Create one: intune-assets account create --email you@example.com --role admin\n');
        else for (const a of accounts) io.stdout.write(`${a.email}\t${a.role}${a.isActive ? '' : '\t(disabled)'}\n`);
      }),
    );
  return command;
}

/** The first line of standard input (piped), or a prompt without echo on a terminal. */
async function readPassword(stdin: NodeJS.ReadableStream, io: Io): Promise<string> {
  const tty = stdin as NodeJS.ReadStream;
  if (tty.isTTY === true) {
    io.stderr.write('Password (input hidden): ');
    tty.setRawMode(true);
  }
  let text = '';
  try {
    for await (const chunk of stdin) {
      text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
      if (tty.isTTY === true && /[\r\n\u0003]/.test(text)) break;
    }
  } finally {
    if (tty.isTTY === true) {
      tty.setRawMode(false);
      io.stderr.write('\n');
    }
  }
  if (text.includes('\u0003')) throw new AppError('input_invalid', 'Cancelled.');
  const password = text.split(/\r?\n/)[0] ?? '';
  if (password === '') throw new AppError('input_invalid', 'No password on standard input: pipe it in, e.g. `printf "%s" "$PASSWORD" | intune-assets account create …`.', { details: { issues: [{ path: 'password', message: 'is empty' }] } });
  return password;
}
