// why: main.ts is wired by the lead; this runs the same command object standalone so tests can spawn it.
import { Command, CommanderError } from 'commander';
import { emulatorCommand } from '../../cli/commands/emulator.js';

const program = new Command('intune-assets').exitOverride().addCommand(emulatorCommand());
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (!(error instanceof CommanderError)) throw error;
  process.exitCode = error.exitCode;
}
