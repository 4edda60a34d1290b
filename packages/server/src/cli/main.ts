import { Command, CommanderError } from 'commander';
import { accountCommand } from './commands/account.js';
import { connectionCommand } from './commands/connection.js';
import { demoCommand } from './commands/demo.js';
import { emulatorCommand } from './commands/emulator.js';
import { exportCommand } from './commands/export.js';
import { exprCommand } from './commands/expr.js';
import { serveCommand } from './commands/serve.js';
import { syncCommand } from './commands/sync.js';

/** Builds the `intune-assets` program (SPEC §7.3). Each command lives in `commands/`. */
export function buildProgram(): Command {
  return new Command('intune-assets')
    .description('Self-hosted IT asset register with a Microsoft Intune connector')
    .showHelpAfterError()
    .exitOverride()
    .addCommand(demoCommand())
    .addCommand(accountCommand())
    .addCommand(serveCommand())
    .addCommand(connectionCommand())
    .addCommand(syncCommand())
    .addCommand(exportCommand())
    .addCommand(emulatorCommand())
    .addCommand(exprCommand());
}

export async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    throw error;
  }
}
