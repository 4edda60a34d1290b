import { describe, expect, test } from 'vitest';
import { LocalRunQueue } from './local-run-queue.js';
import type { RunJob } from './run-queue.js';

/** A handler whose jobs finish when the test says so, recording what ran at once. */
function gatedHandler(): { handler: (job: RunJob) => Promise<void>; release(runId: string): void; running: () => string[]; maxParallel: () => number } {
  const gates = new Map<string, () => void>();
  const running = new Set<string>();
  let maxParallel = 0;
  return {
    handler: (job) =>
      new Promise<void>((resolve) => {
        running.add(job.runId);
        maxParallel = Math.max(maxParallel, running.size);
        gates.set(job.runId, () => {
          running.delete(job.runId);
          resolve();
        });
      }),
    release: (runId) => gates.get(runId)?.(),
    running: () => [...running].sort(),
    maxParallel: () => maxParallel,
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('LocalRunQueue', () => {
  test('at most `concurrency` runs at once, one per connection, in queue order', async () => {
    const queue = new LocalRunQueue({ concurrency: 2 });
    const h = gatedHandler();
    await queue.enqueue({ runId: 'a1', connectionId: 'A' });
    await queue.enqueue({ runId: 'a2', connectionId: 'A' });
    await queue.enqueue({ runId: 'b1', connectionId: 'B' });
    await queue.enqueue({ runId: 'c1', connectionId: 'C' });
    expect(queue.pendingCount).toBe(4);
    await queue.start(h.handler);
    expect(h.running()).toEqual(['a1', 'b1']);
    h.release('a1');
    await tick();
    expect(h.running()).toEqual(['a2', 'b1']);
    h.release('b1');
    await tick();
    expect(h.running()).toEqual(['a2', 'c1']);
    h.release('a2');
    h.release('c1');
    await tick();
    expect(h.running()).toEqual([]);
    expect(h.maxParallel()).toBe(2);
  });

  test('a failing handler does not stop the queue; stop() waits for runs in hand, then refuses new jobs', async () => {
    const queue = new LocalRunQueue({ concurrency: 1 });
    const seen: string[] = [];
    await queue.start(async (job) => {
      seen.push(job.runId);
      if (job.runId === 'bad') throw new Error('boom');
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    await queue.enqueue({ runId: 'bad', connectionId: 'A' });
    await queue.enqueue({ runId: 'good', connectionId: 'A' });
    await tick();
    await queue.stop({ timeoutMs: 1000 });
    expect(seen).toEqual(['bad', 'good']);
    expect(() => queue.enqueue({ runId: 'late', connectionId: 'A' })).toThrow('the run queue is stopped');
  });

  test('concurrency must be a whole number of at least 1', () => {
    expect(() => new LocalRunQueue({ concurrency: 0 })).toThrow('concurrency must be a whole number ≥ 1, got 0');
  });
});
