import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../errors/app-error.js';

export interface SecretKeyConfig {
  readonly key?: string | undefined;
  readonly keyFile: string;
}

/**
 * The 32-byte key for secrets at rest: from INTUNE_ASSETS_SECRET_KEY (base64 or 64 hex digits), else from the
 * key file, which is created with mode 0600 on first run. The key never lives in the database.
 */
export function loadSecretKey(config: SecretKeyConfig): Buffer {
  if (config.key !== undefined) return decodeKey(config.key, 'INTUNE_ASSETS_SECRET_KEY');
  const existing = readKeyFile(config.keyFile);
  if (existing !== undefined) return existing;
  mkdirSync(dirname(config.keyFile), { recursive: true });
  const key = randomBytes(32);
  try {
    // `wx`: two processes starting at once must not both create (and one overwrite) the key.
    writeFileSync(config.keyFile, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      const raced = readKeyFile(config.keyFile);
      if (raced !== undefined) return raced;
    }
    throw error;
  }
  return key;
}

function readKeyFile(path: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // A key file others can read defeats encryption at rest; tighten it rather than refuse to start.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return decodeKey(text.trim(), `key file ${path}`);
}

function decodeKey(text: string, where: string): Buffer {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(text)) return Buffer.from(text, 'base64');
  throw new AppError(
    'secret_key_invalid',
    `${where} must hold a 32-byte key as base64 or 64 hex digits (generate one with: openssl rand -base64 32).`,
  );
}
