import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { changedRows, managerOf, type Transaction } from '@madoguchi/database';

import type { AccountLinkPurpose } from '../domain/account-links';

/** `account_link`: single-use links by token hash. */
@Injectable()
export class AccountLinkRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    transaction: Transaction,
    link: {
      tokenHash: string;
      userId: string;
      purpose: AccountLinkPurpose;
      requestedFrom: string | null;
      createdAt: Date;
      expiresAt: Date;
    },
  ): Promise<void> {
    await managerOf(transaction).query(
      `INSERT INTO account_link (token_hash, user_id, purpose, requested_from, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
      [link.tokenHash, link.userId, link.purpose, link.requestedFrom, link.createdAt, link.expiresAt],
    );
  }

  /** Links of `purpose` created since `since`: for the account, and asked for from the address. */
  async recent(
    transaction: Transaction,
    purpose: AccountLinkPurpose,
    userId: string,
    address: string | null,
    since: Date,
  ): Promise<{ forAccount: number; fromAddress: number }> {
    const [row] = (await managerOf(transaction).query(
      `SELECT
         (SELECT count(*) FROM account_link WHERE purpose = $1 AND user_id = $2 AND created_at >= $4)::int AS "forAccount",
         (SELECT count(*) FROM account_link WHERE purpose = $1 AND requested_from = $3 AND created_at >= $4)::int AS "fromAddress"`,
      [purpose, userId, address, since],
    )) as Array<{ forAccount: number; fromAddress: number }>;
    return row!;
  }

  /**
   * Uses the link once: marks it used and answers its user, or null when it is unknown, used,
   * expired or for another purpose. Inside the caller's transaction, so a refused password that
   * rolls the transaction back leaves the link usable.
   */
  async consume(
    transaction: Transaction,
    tokenHash: string,
    purpose: AccountLinkPurpose,
    now: Date,
  ): Promise<string | null> {
    const rows = await changedRows<{ userId: string }>(
      managerOf(transaction),
      `UPDATE account_link SET used_at = $3
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
         RETURNING user_id AS "userId"`,
      [tokenHash, purpose, now],
    );
    return rows[0]?.userId ?? null;
  }

  /** Whether the link would work now (the page that takes the new password checks before showing it). */
  async usable(tokenHash: string, purpose: AccountLinkPurpose, now: Date): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM account_link WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3`,
      [tokenHash, purpose, now],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Closes the user's other open links: a password just set makes every older link moot. */
  async closeOpen(transaction: Transaction, userId: string, now: Date): Promise<void> {
    await managerOf(transaction).query(
      `UPDATE account_link SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL AND expires_at > $2`,
      [userId, now],
    );
  }
}
