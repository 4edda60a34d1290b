import { describe, expect, it } from 'vitest';
import { SignInThrottle } from './sign-in-throttle.js';

describe('SignInThrottle', () => {
  it('allows attempts until the limit, then says how long to wait, and forgets failures after the window', () => {
    let now = 0;
    const throttle = new SignInThrottle({ maxFailures: 3, windowMs: 60_000, now: () => now });
    const keys = ['ip:1', 'email:a@x'];
    for (let i = 0; i < 3; i++) {
      expect(throttle.retryAfterSeconds(keys)).toBe(0);
      throttle.recordFailure(keys);
      now += 1000;
    }
    expect(throttle.retryAfterSeconds(keys)).toBe(57);
    expect(throttle.retryAfterSeconds(['ip:2', 'email:a@x'])).toBe(57);
    expect(throttle.retryAfterSeconds(['ip:2', 'email:b@x'])).toBe(0);
    now += 58_000;
    expect(throttle.retryAfterSeconds(keys)).toBe(0);
  });

  it('clears the count on a successful sign-in', () => {
    const throttle = new SignInThrottle({ maxFailures: 2, windowMs: 60_000, now: () => 0 });
    throttle.recordFailure(['k']);
    throttle.recordSuccess(['k']);
    throttle.recordFailure(['k']);
    expect(throttle.retryAfterSeconds(['k'])).toBe(0);
  });
});
