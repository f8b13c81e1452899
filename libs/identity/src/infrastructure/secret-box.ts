import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AppConfig, keyFileSecret } from '@madoguchi/config';

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
      .update(this.config.SECRETS_KEY ?? keyFileSecret(this.config.DATA_DIR, 'secrets.key'))
      .digest();
    return this.key;
  }
}
