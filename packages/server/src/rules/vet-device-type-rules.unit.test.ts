import { describe, expect, test } from 'vitest';
import { DEFAULT_DEVICE_TYPE_RULES } from './device-type-rules.js';
import { vetDeviceTypeRules } from './vet-device-type-rules.js';

describe('vetDeviceTypeRules', () => {
  test('the shipped rules pass the regex vetting', () => {
    expect(vetDeviceTypeRules(DEFAULT_DEVICE_TYPE_RULES)).toEqual([]);
  });

  test.each([
    ['nested repetition', { type: 'laptop', model: '(a+)+$' } as const, 'deviceTypes.rules[0].model', 'unsafe_regex'],
    ['overlapping repeated alternatives', { type: 'laptop', os: '^(a|ab)*c' } as const, 'deviceTypes.rules[0].os', 'unsafe_regex'],
    ['a backreference', { type: 'tablet', manufacturer: '(a)\\1' } as const, 'deviceTypes.rules[0].manufacturer', 'unsafe_regex'],
    ['a pattern that does not compile', { type: 'tablet', model: 'surface (pro' } as const, 'deviceTypes.rules[0].model', 'invalid_regex'],
  ])('%s is refused at the rule key', (_title, rule, path, code) => {
    expect(vetDeviceTypeRules([rule])).toEqual([{ path, code, message: expect.any(String) }]);
  });

  test("a quote in a pattern is not an injection into the vetting expression", () => {
    expect(vetDeviceTypeRules([{ type: 'laptop', model: "o'brien|x', 'y" }])).toEqual([]);
  });
});
