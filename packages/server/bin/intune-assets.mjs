#!/usr/bin/env node
// why: the CLI runs the TypeScript sources through tsx, so a fresh clone needs no build step before `npx intune-assets`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
