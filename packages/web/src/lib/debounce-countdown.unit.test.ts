import { describe, expect, it } from 'vitest';
import { availableAtFromDetails, debounceState } from './debounce-countdown.js';

describe('debounceState', () => {
  const now = new Date(2026, 10, 22, 14, 23, 10);

  it('is available when there is no debounce or it has passed', () => {
    expect(debounceState(null, now)).toEqual({ isAvailable: true, minutesLeft: 0, label: null });
    expect(debounceState(new Date(2026, 10, 22, 14, 20).toISOString(), now).isAvailable).toBe(true);
  });

  it('says the local time and the minutes left, rounded up', () => {
    const state = debounceState(new Date(2026, 10, 22, 14, 35).toISOString(), now);
    expect(state).toEqual({ isAvailable: false, minutesLeft: 12, label: 'Available again at 14:35 (in 12 min)' });
  });

  it('never says "in 0 min" while still blocked', () => {
    const state = debounceState(new Date(now.getTime() + 5_000).toISOString(), now);
    expect(state.minutesLeft).toBe(1);
  });
});

describe('availableAtFromDetails', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  it('prefers availableAt, else adds retryAfterSeconds to now', () => {
    expect(availableAtFromDetails({ availableAt: '2026-11-22T12:30:00Z', retryAfterSeconds: 1 }, now)).toBe('2026-11-22T12:30:00Z');
    expect(availableAtFromDetails({ retryAfterSeconds: 600 }, now)).toBe('2026-11-22T12:10:00.000Z');
    expect(availableAtFromDetails('nope', now)).toBeNull();
    expect(availableAtFromDetails({}, now)).toBeNull();
  });
});
