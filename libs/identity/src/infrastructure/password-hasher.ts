import { Injectable } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';

/** argon2id with OWASP's minimum parameters: 19 MiB memory, 2 iterations, 1 lane. */
const OWASP_ARGON2ID = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

@Injectable()
export class PasswordHasher {
  /** Verified against when the e-mail is unknown, so that the answer takes as long as for a real user. */
  private readonly decoy = hash('decoy password that matches nothing', OWASP_ARGON2ID);

  hash(password: string): Promise<string> {
    return hash(password, OWASP_ARGON2ID);
  }

  /** Constant-time comparison inside argon2's verify. */
  async verify(passwordHash: string | null | undefined, password: string): Promise<boolean> {
    if (!passwordHash) {
      await verify(await this.decoy, password).catch(() => false);
      return false;
    }
    return verify(passwordHash, password).catch(() => false);
  }
}
