import { describe, expect, test } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { scheduledRunId } from './run-manager.js';
import { parseRunProgress, toRunProgress } from './run-progress.js';
import { previewSchedule } from './scheduler.js';

function issuesOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, issues: error.details?.['issues'] };
    throw error;
  }
  throw new Error('expected an error');
}

describe('previewSchedule', () => {
  test('the next five fire times of a daily cron, in UTC and in a time zone', () => {
    const utc = previewSchedule('0 2 * * *', 'UTC');
    expect(utc).toHaveLength(5);
    expect(utc.every((t) => t.endsWith('T02:00:00.000Z'))).toBe(true);
    const tokyo = previewSchedule('0 2 * * *', 'Asia/Tokyo');
    expect(tokyo.every((t) => t.endsWith('T17:00:00.000Z'))).toBe(true);
  });

  test('a broken cron text is input_invalid naming `cron`; an unknown zone names `timezone`', () => {
    expect(issuesOf(() => previewSchedule('61 * * * *'))).toEqual({ code: 'input_invalid', issues: [{ path: 'cron', message: expect.stringMatching(/^not a valid cron expression/) }] });
    expect(issuesOf(() => previewSchedule('every day'))).toMatchObject({ code: 'input_invalid', issues: [{ path: 'cron' }] });
    expect(issuesOf(() => previewSchedule('0 2 * * *', 'Mars/Olympus'))).toEqual({
      code: 'input_invalid',
      issues: [{ path: 'timezone', message: '"Mars/Olympus" is not an IANA time zone (e.g. Europe/Paris, UTC)' }],
    });
  });
});

describe('scheduledRunId', () => {
  test('the same connection and fire time give the same UUID; another time another one', () => {
    const at = new Date('2026-11-23T02:00:00Z');
    const id = scheduledRunId('conn-1', at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(scheduledRunId('conn-1', new Date(at))).toBe(id);
    expect(scheduledRunId('conn-1', new Date('2026-11-24T02:00:00Z'))).not.toBe(id);
    expect(scheduledRunId('conn-2', at)).not.toBe(id);
  });
});

describe('run progress', () => {
  test('devicesTotal is unknown while devices are fetched, and the fetched count once the fetch has ended', () => {
    expect(toRunProgress({ stage: 'write', devicesDone: 40, devicesFetched: 50 })).toEqual({ stage: 'write', devicesDone: 40, devicesFetched: 50, devicesTotal: null });
    expect(toRunProgress({ stage: 'reconcile', devicesDone: 90, devicesFetched: 90 })).toEqual({ stage: 'reconcile', devicesDone: 90, devicesFetched: 90, devicesTotal: 90 });
  });

  test('stored progress is read back, anything else reads as null', () => {
    expect(parseRunProgress({ stage: 'fetch', devicesDone: 0, devicesFetched: 0, devicesTotal: null })).toEqual({ stage: 'fetch', devicesDone: 0, devicesFetched: 0, devicesTotal: null });
    expect(parseRunProgress({ stage: 'warp', devicesDone: 0, devicesFetched: 0 })).toBeNull();
    expect(parseRunProgress([1, 2])).toBeNull();
    expect(parseRunProgress(null)).toBeNull();
  });
});
