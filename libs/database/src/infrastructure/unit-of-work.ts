import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

import type { AtomicStatement } from './atomic-statement';

/**
 * An open database transaction as application code sees it: a token to hand to repositories,
 * with nothing of the driver in its type. Only repositories (infrastructure) look inside, with
 * `managerOf`; application and domain code never import TypeORM (lint enforces it).
 */
export class Transaction {
  // A nominal type: a plain object, or an EntityManager, is not a Transaction.
  readonly #manager: EntityManager;

  private constructor(manager: EntityManager) {
    this.#manager = manager;
  }

  /** @internal The unit of work's; nothing else makes one. */
  static of(manager: EntityManager): Transaction {
    return new Transaction(manager);
  }

  /** @internal */
  static managerOf(transaction: Transaction): EntityManager {
    return transaction.#manager;
  }
}

/** The transaction's EntityManager, for repositories. */
export function managerOf(transaction: Transaction): EntityManager {
  return Transaction.managerOf(transaction);
}

/** Repositories' way to run inside the caller's transaction when there is one, else on their own. */
export function runnerOf(transaction: Transaction | undefined, dataSource: DataSource): EntityManager {
  return transaction ? managerOf(transaction) : dataSource.manager;
}

/**
 * The one way application code writes atomically: `run` opens a transaction, hands it to `work`
 * (which passes it to repositories), and commits when `work` resolves or rolls back when it throws.
 */
@Injectable()
export class UnitOfWork {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(Transaction.of(manager)));
  }

  /**
   * Runs a statement of joined writes that repositories added to: inside `transaction` when given,
   * else on its own — atomic by itself, in one round trip, with no BEGIN/COMMIT.
   */
  async write(statement: AtomicStatement, transaction?: Transaction): Promise<void> {
    await statement.run(runnerOf(transaction, this.dataSource));
  }
}
