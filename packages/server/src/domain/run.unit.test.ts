import { expect, test } from 'vitest';
import { canTransitionRun, runStatusesLeadingTo } from './run.js';

test('runs move queued → running → finished, and a queued run may fail', () => {
  expect(canTransitionRun('queued', 'running')).toBe(true);
  expect(canTransitionRun('running', 'partial')).toBe(true);
  expect(canTransitionRun('queued', 'succeeded')).toBe(false);
  expect(canTransitionRun('succeeded', 'running')).toBe(false);
  expect(runStatusesLeadingTo('failed').sort()).toEqual(['queued', 'running']);
});
