import { expect, test } from 'vitest';
import { isNoValue } from './no-value.js';

test.each([
  [null, true],
  [undefined, true],
  ['', true],
  ['  ', true],
  ['0001-01-01T00:00:00Z', true],
  ['Unknown', true],
  ['unknown', true],
  [0, true],
  [Number.NaN, true],
  [[], true],
  ['Dell Inc.', false],
  [16, false],
  [false, false],
  ['2024-04-13T20:23:18Z', false],
  [['a'], false],
])('isNoValue(%j) = %j', (value, expected) => {
  expect(isNoValue(value)).toBe(expected);
});
