import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter, TenantLimiters } from './limiter.js';
import type { Clock } from './clock.js';

// why: a fake clock makes the 20-second window testable in microseconds and proves the limiter waits exactly
// until the oldest requests leave the window.
function fakeClock(): Clock & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe('SlidingWindowLimiter', () => {
  it('lets the limit through at once, then waits for the window to slide', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter({ limit: 10, windowMs: 20_000, clock });
    for (let i = 0; i < 10; i++) await limiter.acquire(1);
    expect(clock.sleeps).toEqual([]);
    expect(limiter.inWindow()).toBe(10);
    await limiter.acquire(1);
    expect(clock.sleeps).toEqual([20_000]);
    expect(limiter.inWindow()).toBe(1);
  });

  it('charges a batch its sub-request count', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter({ limit: 20, windowMs: 1000, clock });
    await limiter.acquire(15);
    await clock.sleep(400);
    await limiter.acquire(5);
    expect(limiter.inWindow()).toBe(20);
    await limiter.acquire(10);
    // the first 15 leave at t=1000; the clock was at 400
    expect(clock.sleeps).toEqual([400, 600]);
    expect(limiter.inWindow()).toBe(15);
  });

  it('never admits more than the limit in any window', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter({ limit: 7, windowMs: 100, clock });
    const sent: number[] = [];
    for (let i = 0; i < 50; i++) {
      await limiter.acquire(1 + (i % 3));
      for (let k = 0; k < 1 + (i % 3); k++) sent.push(clock.now());
    }
    for (const t of sent) expect(sent.filter((s) => s > t - 100 && s <= t).length).toBeLessThanOrEqual(7);
  });

  it('rejects a cost it can never admit, naming the bounds', async () => {
    const limiter = new SlidingWindowLimiter({ limit: 5, clock: fakeClock() });
    await expect(limiter.acquire(6)).rejects.toThrow('limiter cost must be an integer in 1..5, got 6');
    await expect(limiter.acquire(0)).rejects.toThrow('got 0');
  });

  it('stops waiting when aborted', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 1000, clock });
    await limiter.acquire(1);
    const controller = new AbortController();
    controller.abort(new Error('run cancelled'));
    await expect(limiter.acquire(1, controller.signal)).rejects.toThrow('run cancelled');
    await limiter.acquire(1);
  });
});

describe('TenantLimiters', () => {
  it('shares one limiter per tenant, case-insensitively', () => {
    const limiters = new TenantLimiters({ clock: fakeClock() });
    expect(limiters.forTenant('ABC')).toBe(limiters.forTenant('abc'));
    expect(limiters.forTenant('abc')).not.toBe(limiters.forTenant('def'));
  });
});
