import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadSecretKey } from './secret-key.js';

describe('loadSecretKey', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ia-key-'));

  test('creates a 0600 key file on first run and reads the same key afterwards', () => {
    const keyFile = join(dir, 'nested', 'secret.key');
    const first = loadSecretKey({ keyFile });
    expect(first).toHaveLength(32);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(loadSecretKey({ keyFile }).equals(first)).toBe(true);
  });

  test('the environment key wins, as base64 or hex', () => {
    const key = randomBytes(32);
    const keyFile = join(dir, 'unused.key');
    expect(loadSecretKey({ key: key.toString('base64'), keyFile }).equals(key)).toBe(true);
    expect(loadSecretKey({ key: key.toString('hex'), keyFile }).equals(key)).toBe(true);
    expect(() => readFileSync(keyFile)).toThrow();
  });

  test('a malformed key is refused with what is expected', () => {
    expect(() => loadSecretKey({ key: 'too-short', keyFile: join(dir, 'x') })).toThrow(/32-byte key/);
    const bad = join(dir, 'bad.key');
    writeFileSync(bad, 'not a key');
    expect(() => loadSecretKey({ keyFile: bad })).toThrow(/key file .*bad\.key must hold a 32-byte key/);
  });

  test('a key file others can read is tightened to 0600', () => {
    const loose = join(dir, 'loose.key');
    writeFileSync(loose, randomBytes(32).toString('base64'));
    chmodSync(loose, 0o644);
    loadSecretKey({ keyFile: loose });
    expect(statSync(loose).mode & 0o777).toBe(0o600);
  });
});
