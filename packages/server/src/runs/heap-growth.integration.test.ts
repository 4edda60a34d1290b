import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MODULE = fileURLToPath(new URL('./heap-growth.ts', import.meta.url));

// A sync in miniature: pages of objects that live for a few event-loop turns, long enough to be promoted, then die.
// The child prints the largest heap it saw.
const WORKLOAD = `
const cap = process.argv[1] === 'capped';
if (cap) (await import(${JSON.stringify(MODULE)})).keepHeapNearLive();
// What a run holds throughout (the directory, the ids seen): about 40 MB.
const kept = Array.from({ length: 300000 }, (_, i) => ({ id: 'user-' + i, mail: 'user' + i + '@example.com' }));
const held = [];
let peak = 0;
for (let page = 0; page < 150; page += 1) {
  held.push(Array.from({ length: 20000 }, (_, i) => ({ id: 'device-' + page + '-' + i, name: 'x'.repeat(40) + i, n: i })));
  if (held.length > 3) held.shift();
  await new Promise((resolve) => setImmediate(resolve));
  peak = Math.max(peak, process.memoryUsage().heapUsed);
}
console.log(Math.round(peak / 1048576), kept.length);
`;

function peakHeapMb(mode: 'capped' | 'default'): number {
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', WORKLOAD, mode], { encoding: 'utf8', timeout: 60_000 });
  if (child.status !== 0) throw new Error(`workload (${mode}) failed: ${child.stderr}`);
  return Number(child.stdout.trim().split(' ')[0]);
}

describe('keepHeapNearLive', () => {
  it('keeps the heap of a page-by-page workload well below what V8 lets it grow to by default', () => {
    const capped = peakHeapMb('capped');
    const uncapped = peakHeapMb('default');
    expect(capped).toBeGreaterThan(0);
    expect(capped).toBeLessThan(uncapped * 0.75);
  });
});
