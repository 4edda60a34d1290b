import { expect, test } from 'vitest';
import { serialKey } from './serial.js';

test.each([
  ['', null],
  [null, null],
  [undefined, null],
  ['   ', null],
  ['0', null],
  ['Default string', null],
  ['To be filled by O.E.M.', null],
  ['System Serial Number', null],
  ['AAAAAAAA', null],
  ['00000000', null],
  ['abc', null],
  ['N/A', null],
  ['5CG1234XYZ', '5CG1234XYZ'],
  ['  pf3x1abc ', 'PF3X1ABC'],
  ['PF 3X1 ABC', 'PF3X1ABC'],
  ['0000-0014-0657-8375-4585-0309-11', '00000014065783754585030911'],
  ['pf 3x1-abc', 'PF3X1ABC'],
  ['----', null],
  ['ABCD', 'ABCD'],
] as const)('serialKey(%j) = %j', (input, expected) => {
  expect(serialKey(input)).toBe(expected);
});
