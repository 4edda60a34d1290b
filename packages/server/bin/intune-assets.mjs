#!/usr/bin/env node
// why: the CLI runs the TypeScript sources through tsx, so a fresh clone needs no build step before `npx intune-assets`.
import { register } from 'tsx/esm/api';

register();
// `intune-assets export assets | head` closes the pipe early; that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
