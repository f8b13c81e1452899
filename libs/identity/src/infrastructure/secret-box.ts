import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { Injectable } from '@nestjs/common';

import { AppConfig } from '@madoguchi/config';

const KEY_FILE = 'secrets.key';

/**
 * Encrypts what the database must not hold in clear (second-factor secrets) with a key the database
 * never sees: SECRETS_KEY, or a random one made once in DATA_DIR. AES-256-GCM: a changed ciphertext
 * fails to open rather than yielding another secret.
 */
@Injectable()
export class SecretBox {
  private key?: Buffer;

  constructor(private readonly config: AppConfig) {}

  seal(plain: Buffer): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keyBytes(), iv);
    const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
    return [
      'v1',
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      sealed.toString('base64url'),
    ].join('.');
  }

  open(sealed: string): Buffer {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.keyBytes(), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
  }

  private keyBytes(): Buffer {
    this.key ??= createHash('sha256')
      .update(this.config.SECRETS_KEY ?? this.keyFromDataDir())
      .digest();
    return this.key;
  }

  /** The key file under DATA_DIR, made on first use; `wx` keeps a second process from replacing it. */
  private keyFromDataDir(): string {
    const path = join(this.config.DATA_DIR, KEY_FILE);
    try {
      return readFileSync(path, 'utf8').trim();
    } catch {
      mkdirSync(this.config.DATA_DIR, { recursive: true });
      try {
        writeFileSync(path, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      return readFileSync(path, 'utf8').trim();
    }
  }
}
