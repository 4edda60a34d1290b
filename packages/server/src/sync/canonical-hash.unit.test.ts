import { describe, expect, test } from 'vitest';
import { canonicalHash, canonicalJson } from './canonical-hash.js';

describe('canonicalHash', () => {
  test('key order does not matter, at any depth', () => {
    expect(canonicalHash({ a: 1, b: { x: 1, y: [1, { q: 1, p: 2 }] } })).toBe(
      canonicalHash({ b: { y: [1, { p: 2, q: 1 }], x: 1 }, a: 1 }),
    );
  });

  test('any value change changes the hash; undefined keys are ignored', () => {
    expect(canonicalHash({ a: 1 })).not.toBe(canonicalHash({ a: 2 }));
    expect(canonicalHash({ a: 1, b: undefined })).toBe(canonicalHash({ a: 1 }));
    expect(canonicalHash({ a: null })).not.toBe(canonicalHash({}));
  });

  test('dates hash as ISO strings', () => {
    expect(canonicalJson({ d: new Date('2024-01-01T00:00:00Z') })).toBe('{"d":"2024-01-01T00:00:00.000Z"}');
  });
});

describe('canonicalJson', () => {
  test.each([
    ['plain', { b: 'x', a: 1 }],
    ['escapes', { q: 'say "hi"\\n', c: '\u0001', u: 'ü😀', lone: '\ud800' }],
    ['nested', { z: [1, 'a', null, { y: true, x: false }], a: { d: 1.5, c: -0 } }],
  ])('equals JSON.stringify of the key-sorted value (%s)', (_name, value) => {
    const sortDeep = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sortDeep) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep((v as Record<string, unknown>)[k])])) : v;
    expect(canonicalJson(value)).toBe(JSON.stringify(sortDeep(value)));
  });
});
