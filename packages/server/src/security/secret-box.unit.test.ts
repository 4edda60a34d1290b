import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { SecretBox } from './secret-box.js';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  test('opens what it sealed, with the same context', () => {
    const sealed = box.seal('p@ss wörd', 'connection:a');
    expect(sealed).not.toContain('p@ss');
    expect(box.open(sealed, 'connection:a')).toBe('p@ss wörd');
  });

  test('two seals of one secret differ (fresh IV)', () => {
    expect(box.seal('x', 'c')).not.toBe(box.seal('x', 'c'));
  });

  test('refuses a ciphertext moved to another context', () => {
    const sealed = box.seal('secret', 'connection:a');
    expect(() => box.open(sealed, 'connection:b')).toThrow(expect.objectContaining({ code: 'secret_undecryptable' }));
  });

  test('refuses another key and a tampered ciphertext', () => {
    const sealed = box.seal('secret', 'c');
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'c')).toThrow(/not the one it was saved with/);
    const parts = sealed.split(':');
    const tampered = [...parts.slice(0, 3), Buffer.from('other').toString('base64')].join(':');
    expect(() => box.open(tampered, 'c')).toThrow(expect.objectContaining({ code: 'secret_undecryptable' }));
    expect(() => box.open('garbage', 'c')).toThrow(expect.objectContaining({ code: 'secret_undecryptable' }));
  });

  test('wants a 32-byte key', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(expect.objectContaining({ code: 'secret_key_invalid' }));
  });
});
