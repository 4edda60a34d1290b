import { setFlagsFromString } from 'node:v8';

/** Heap growth after each full collection, in percent of what survived it (V8 picks 10–300 % by itself). */
export const SYNC_HEAP_GROWING_PERCENT = 20;

/**
 * Keeps the heap of a process that syncs close to what it really holds. A sync streams pages: what a page
 * allocates outlives a few young-generation collections and is promoted, then dies. V8 grows the old generation
 * by up to 4× between full collections, so peak RSS followed the amount of garbage (a 100,000-device sync: 420–520
 * MB for ~80 MB live), not the fleet. With growth capped at 20 % it stays near the live size (~300 MB), for about
 * the same run time: the extra collections are of a small live heap (SPEC §9, RSS flat as the fleet grows).
 */
export function keepHeapNearLive(): void {
  setFlagsFromString(`--heap-growing-percent=${String(SYNC_HEAP_GROWING_PERCENT)}`);
}
