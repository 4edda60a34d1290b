import { Command, CommanderError } from 'commander';

/** Builds the `intune-assets` program (SPEC §7.3). Each command lives in `commands/` and is added here. */
export function buildProgram(): Command {
  const program = new Command('intune-assets')
    .description('Self-hosted IT asset register with a Microsoft Intune connector')
    .showHelpAfterError()
    .exitOverride();
  return program;
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
