import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { managerOf, type Transaction } from '@madoguchi/database';

import type { FailureHistory } from '../domain/login-throttle';

export interface ThrottledAttempt {
  /** What is being guessed: `password:<e-mail>` or `second-factor:<user id>`. */
  account: string;
  address: string | null;
  /** Whether the account has signed in from this address lately (see FAMILIAR_ADDRESS_DAYS). */
  familiar: boolean;
}

const times = (rows: Array<{ at: Date | string }>) => rows.map((row) => new Date(row.at));

/** `login_failure`: failed (and in-flight) sign-in attempts, by account and address, for the throttle. */
@Injectable()
export class LoginThrottleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Serialises attempts on this account and from this address (transaction-scoped advisory locks,
   * always account first, so two attempts never wait on each other in a circle), drops what has left
   * the window, and reads the failures that bear on this attempt.
   */
  async lockAndRead(transaction: Transaction, attempt: ThrottledAttempt, since: Date): Promise<FailureHistory> {
    const manager = managerOf(transaction);
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`login-account:${attempt.account}`]);
    if (attempt.address)
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`login-address:${attempt.address}`]);
    await manager.query(`DELETE FROM login_failure WHERE account = $1 AND at <= $2`, [attempt.account, since]);
    const pair = attempt.address
      ? await manager.query(`SELECT at FROM login_failure WHERE account = $1 AND address = $2 AND at > $3`, [
          attempt.account,
          attempt.address,
          since,
        ])
      : [];
    const address = attempt.address
      ? await manager.query(`SELECT at FROM login_failure WHERE address = $1 AND at > $2`, [attempt.address, since])
      : [];
    const unfamiliar = attempt.familiar
      ? []
      : await manager.query(`SELECT at FROM login_failure WHERE account = $1 AND NOT familiar AND at > $2`, [
          attempt.account,
          since,
        ]);
    return { pair: times(pair), address: times(address), unfamiliar: times(unfamiliar) };
  }

  /** Counts the attempt as a failure before its secret is checked; `release` takes it back on success. */
  async reserve(transaction: Transaction, attempt: ThrottledAttempt, at: Date): Promise<string> {
    const rows = (await managerOf(transaction).query(
      `INSERT INTO login_failure (account, address, familiar, at) VALUES ($1, $2, $3, $4) RETURNING id`,
      [attempt.account, attempt.address, attempt.familiar, at],
    )) as Array<{ id: string }>;
    return String(rows[0]!.id);
  }

  async release(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failure WHERE id = $1`, [id]);
  }
}
