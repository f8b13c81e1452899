import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { AtomicStatement, managerOf, type Transaction } from '@madoguchi/database';

import { IdempotencyKeyEntity } from './idempotency-key.entity';

export interface IdempotencyRecord {
  scope: string;
  key: string;
  requestHash: string;
  response: object;
}

/** Answers kept per (scope, Idempotency-Key), so a retried request gets the first answer. */
@Injectable()
export class IdempotencyKeys {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(scope: string, key: string): Promise<IdempotencyKeyEntity | null> {
    return this.dataSource.getRepository(IdempotencyKeyEntity).findOneBy({ scope, key });
  }

  /** Stores one inside the caller's transaction (a repeated key fails it: 23505). */
  async insert(transaction: Transaction, record: IdempotencyRecord): Promise<void> {
    const statement = new AtomicStatement();
    this.addIn(statement, [record]);
    await statement.run(managerOf(transaction));
  }

  /** Adds the keys to the statement that makes the changes they answer for (a repeated key fails it: 23505). */
  addIn(statement: AtomicStatement, records: readonly IdempotencyRecord[]): void {
    if (records.length === 0) return;
    statement.with(
      statement.uniqueName('idempotency_key'),
      `INSERT INTO idempotency_key (scope, key, request_hash, response)
       SELECT scope, key, request_hash, response::jsonb
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS k(scope, key, request_hash, response)`,
      [
        records.map((record) => record.scope),
        records.map((record) => record.key),
        records.map((record) => record.requestHash),
        records.map((record) => JSON.stringify(record.response)),
      ],
    );
  }
}
