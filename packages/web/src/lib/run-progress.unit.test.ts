import { describe, expect, it } from 'vitest';
import { progressView, stageLabel } from './run-progress.js';

describe('progressView', () => {
  it('waits while there is no progress yet', () => {
    expect(progressView(null)).toEqual({ percent: null, label: 'Waiting to start' });
  });

  it('gives a percentage when the total is known', () => {
    expect(progressView({ stage: 'write', devicesDone: 2500, devicesTotal: 10_000 })).toEqual({
      percent: 25,
      label: 'Writing: 2,500 of 10,000 devices (25 %)',
    });
  });

  it('never exceeds 100 % and stays indeterminate without a total', () => {
    expect(progressView({ stage: 'write', devicesDone: 12, devicesTotal: 10 }).percent).toBe(100);
    expect(progressView({ stage: 'fetch', devicesDone: 0, devicesFetched: 3000, devicesTotal: null })).toEqual({
      percent: null,
      label: 'Fetching devices: 0 devices done, 3,000 fetched',
    });
  });

  it('names unknown stages as they come', () => {
    expect(stageLabel('software')).toBe('software');
    expect(stageLabel(undefined)).toBe('Starting');
  });
});
