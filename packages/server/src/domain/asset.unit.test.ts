import { describe, expect, test } from 'vitest';
import { ASSET_FIELDS, isSameJsonValue, toMacKey, toNameKey, toSerialKey } from './asset.js';

describe('asset match keys', () => {
  test('serial keys ignore case, spaces and punctuation; blanks are null', () => {
    expect(toSerialKey(' c02 xk-1234 ')).toBe('C02XK1234');
    expect(toSerialKey('  -- ')).toBeNull();
    expect(toSerialKey(null)).toBeNull();
  });

  test('MAC keys are 12 upper-case hex digits whatever the separators', () => {
    expect(toMacKey('a1:b2:c3:d4:e5:f6')).toBe('A1B2C3D4E5F6');
    expect(toMacKey('A1-B2-C3-D4-E5-F6')).toBe('A1B2C3D4E5F6');
    expect(toMacKey('')).toBeNull();
  });

  test('name keys are trimmed and lower-cased', () => {
    expect(toNameKey(' LAPTOP-Ann ')).toBe('laptop-ann');
    expect(toNameKey(undefined)).toBeNull();
  });
});

describe('isSameJsonValue', () => {
  test('compares deeply, ignoring key order but not array order', () => {
    expect(isSameJsonValue({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
    expect(isSameJsonValue([1, 2], [2, 1])).toBe(false);
    expect(isSameJsonValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(isSameJsonValue(null, {})).toBe(false);
    expect(isSameJsonValue(15.75, 15.75)).toBe(true);
  });
});

test('every asset field has a default', () => {
  expect(ASSET_FIELDS).toContain('activationLockBypassCodeEncrypted');
  expect(ASSET_FIELDS).toHaveLength(39);
});
