import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../errors/app-error.js';

const VERSION = 'v1';
const IV_BYTES = 12;

/**
 * AES-256-GCM for secrets at rest (SPEC §8). `context` is bound as additional authenticated data, so a
 * ciphertext copied onto another row (another connection's secret) fails to open instead of leaking.
 *
 * @example
 * const box = new SecretBox(key);
 * const sealed = box.seal('s3cret', 'connection:contoso');
 * box.open(sealed, 'connection:contoso'); // 's3cret'
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new AppError('secret_key_invalid', `The secret key must be 32 bytes, got ${key.length}.`);
    this.#key = Buffer.from(key);
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
  }

  open(sealed: string, context: string): string {
    const [version, iv, tag, body] = sealed.split(':');
    if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) {
      throw new AppError('secret_undecryptable', 'A stored secret is not in a format this version can read.');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    } catch (cause) {
      throw new AppError(
        'secret_undecryptable',
        'A stored secret cannot be decrypted: the secret key (INTUNE_ASSETS_SECRET_KEY or the key file) is not the one it was saved with.',
        { cause },
      );
    }
  }
}
