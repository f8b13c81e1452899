import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { changedRows, managerOf, runnerOf, type Transaction } from '@madoguchi/database';

export interface StoredSecondFactor {
  userId: string;
  /** Sealed by `SecretBox`. */
  secret: string;
  confirmedAt: Date | null;
  lastStep: number | null;
}

export interface LoginChallenge {
  id: string;
  userId: string;
  kind: 'api' | 'session';
  expiresAt: Date;
}

/** `second_factor`, `recovery_code` and `login_challenge`: the second step of signing in. */
@Injectable()
export class SecondFactorRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async of(userId: string, transaction?: Transaction): Promise<StoredSecondFactor | null> {
    const rows = (await runnerOf(transaction, this.dataSource).query(
      `SELECT user_id AS "userId", secret, confirmed_at AS "confirmedAt", last_step AS "lastStep"
         FROM second_factor WHERE user_id = $1`,
      [userId],
    )) as Array<StoredSecondFactor & { lastStep: string | null }>;
    const row = rows[0];
    return row ? { ...row, lastStep: row.lastStep === null ? null : Number(row.lastStep) } : null;
  }

  /** A new, unconfirmed secret (replacing an unconfirmed one; a confirmed factor is removed first). */
  async begin(transaction: Transaction, userId: string, secret: string, now: Date): Promise<void> {
    await managerOf(transaction).query(
      `INSERT INTO second_factor (user_id, secret, confirmed_at, last_step, created_at) VALUES ($1, $2, NULL, NULL, $3)
         ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, last_step = NULL, created_at = EXCLUDED.created_at
         WHERE second_factor.confirmed_at IS NULL`,
      [userId, secret, now],
    );
  }

  /**
   * Spends a time step: true only for a step later than any used before, so a code seen over
   * someone's shoulder (or sent twice) does not work again. Confirms the factor on first use.
   */
  async spendStep(transaction: Transaction, userId: string, step: number, now: Date): Promise<boolean> {
    const spent = await changedRows(
      managerOf(transaction),
      `UPDATE second_factor SET last_step = $2, confirmed_at = COALESCE(confirmed_at, $3)
         WHERE user_id = $1 AND (last_step IS NULL OR last_step < $2) RETURNING user_id`,
      [userId, step, now],
    );
    return spent.length === 1;
  }

  async remove(transaction: Transaction, userId: string): Promise<boolean> {
    const manager = managerOf(transaction);
    await manager.query(`DELETE FROM recovery_code WHERE user_id = $1`, [userId]);
    return (
      (await changedRows(manager, `DELETE FROM second_factor WHERE user_id = $1 RETURNING user_id`, [userId]))
        .length === 1
    );
  }

  async replaceRecoveryCodes(transaction: Transaction, userId: string, hashes: string[]): Promise<void> {
    const manager = managerOf(transaction);
    await manager.query(`DELETE FROM recovery_code WHERE user_id = $1`, [userId]);
    for (const hash of hashes)
      await manager.query(`INSERT INTO recovery_code (id, user_id, code_hash) VALUES ($1, $2, $3)`, [
        randomUUID(),
        userId,
        hash,
      ]);
  }

  /** Uses a recovery code once: true when an unused one with this hash was there. */
  async spendRecoveryCode(transaction: Transaction, userId: string, hash: string, now: Date): Promise<boolean> {
    const spent = await changedRows(
      managerOf(transaction),
      `UPDATE recovery_code SET used_at = $3 WHERE id = (
         SELECT id FROM recovery_code WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL LIMIT 1) RETURNING id`,
      [userId, hash, now],
    );
    return spent.length === 1;
  }

  async unusedRecoveryCodes(userId: string): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM recovery_code WHERE user_id = $1 AND used_at IS NULL`,
      [userId],
    )) as Array<{ n: number }>;
    return rows[0]!.n;
  }

  async createChallenge(transaction: Transaction, challenge: LoginChallenge & { tokenHash: string }): Promise<void> {
    await managerOf(transaction).query(
      `INSERT INTO login_challenge (id, token_hash, user_id, kind, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [challenge.id, challenge.tokenHash, challenge.userId, challenge.kind, challenge.expiresAt],
    );
  }

  /** The open challenge with this hash: unused and not expired. */
  async openChallenge(tokenHash: string, now: Date): Promise<LoginChallenge | null> {
    const rows = (await this.dataSource.query(
      `SELECT id, user_id AS "userId", kind, expires_at AS "expiresAt" FROM login_challenge
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2`,
      [tokenHash, now],
    )) as LoginChallenge[];
    return rows[0] ?? null;
  }

  /** Closes the challenge: true for the one caller that got to it first. */
  async closeChallenge(transaction: Transaction, id: string, now: Date): Promise<boolean> {
    const closed = await changedRows(
      managerOf(transaction),
      `UPDATE login_challenge SET used_at = $2 WHERE id = $1 AND used_at IS NULL RETURNING id`,
      [id, now],
    );
    return closed.length === 1;
  }
}
