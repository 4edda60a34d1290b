import { describe, expect, test } from 'vitest';
import { toCategoryValue, toTargetValue } from './convert-value.js';
import type { TargetKind } from './convert-value.js';

describe('toTargetValue', () => {
  const ok: Array<[string, unknown, TargetKind, string | number | null]> = [
    ['text is trimmed', '  Latitude 5440 ', 'text', 'Latitude 5440'],
    ['empty text is no value', '   ', 'text', null],
    ["Graph's 'Unknown' is no value", 'Unknown', 'text', null],
    ['a number becomes text', 17.5, 'text', '17.5'],
    ['a boolean becomes text', true, 'text', 'true'],
    ['a datetime becomes ISO text', new Date('2024-05-20T07:45:10Z'), 'text', '2024-05-20T07:45:10.000Z'],
    ['a number stays a number', 15.7, 'number', 15.7],
    ['numeric text becomes a number', ' 512 ', 'number', 512],
    ['0 (the list default of sizes) is no value', 0, 'number', null],
    ['a boolean becomes 1', true, 'number', 1],
    ['a datetime becomes ISO', new Date('2024-05-20T07:45:10Z'), 'timestamp', '2024-05-20T07:45:10.000Z'],
    ['ISO text with an offset becomes UTC ISO', '2024-05-20T09:45:10+02:00', 'timestamp', '2024-05-20T07:45:10.000Z'],
    ["Graph's zero date is no value", '0001-01-01T00:00:00Z', 'timestamp', null],
    ['the zero date as a datetime is no value', new Date('0001-01-01T00:00:00Z'), 'timestamp', null],
    ['a calendar date stays as it is', '2023-09-12', 'date', '2023-09-12'],
    ['a datetime gives its UTC date', new Date('2023-09-12T23:30:00Z'), 'date', '2023-09-12'],
    ['ISO text gives its UTC date', '2023-09-12T23:30:00-02:00', 'date', '2023-09-13'],
    ['null is null', null, 'number', null],
    ['an empty list is no value', [], 'text', null],
  ];
  test.each(ok)('%s', (_title, value, kind, expected) => {
    expect(toTargetValue(value, kind)).toEqual({ ok: true, value: expected });
  });

  const bad: Array<[string, unknown, TargetKind, RegExp]> = [
    ['text that is no number', 'sixteen', 'number', /expected a number, the mapping gave text "sixteen"/],
    ['free text as a timestamp', 'CONTOSO-LT-0142', 'timestamp', /expected a date and time/],
    ['an impossible calendar date', '2023-02-30', 'date', /expected a date \(YYYY-MM-DD\)/],
    ['a number as a date', 20230912, 'date', /expected a date/],
    ['a list as text', ['a', 'b'], 'text', /gave a list/],
    ['an object as a number', { a: 1 }, 'number', /gave a structured value/],
    ['infinity', Number.POSITIVE_INFINITY, 'number', /expected a number/],
  ];
  test.each(bad)('%s is a type_mismatch', (_title, value, kind, message) => {
    expect(toTargetValue(value, kind)).toEqual({ ok: false, code: 'type_mismatch', message: expect.stringMatching(message) });
  });
});

describe('toCategoryValue', () => {
  test.each([
    ['text trimmed', ' Yes ', 'Yes'],
    ['numbers kept', 16, 16],
    ['booleans kept, false included', false, false],
    ['datetimes as ISO text', new Date('2024-01-02T03:04:05Z'), '2024-01-02T03:04:05.000Z'],
    ['no value as null', '', null],
  ])('%s', (_title, value, expected) => {
    expect(toCategoryValue(value)).toEqual({ ok: true, value: expected });
  });

  test('structured values are refused', () => {
    expect(toCategoryValue({ a: 1 })).toMatchObject({ ok: false, code: 'type_mismatch' });
  });
});
