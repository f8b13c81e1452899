import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { AtomicStatement } from '@madoguchi/database';

import { IdempotencyKeyEntity } from './idempotency-key.entity';

export interface IdempotencyRecord {
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

  /** Adds the keys to the statement that makes the changes they answer for (a repeated key fails it: 23505). */
  addIn(statement: AtomicStatement, scope: string, records: readonly IdempotencyRecord[]): void {
    if (records.length === 0) return;
    statement.with(
      statement.uniqueName('idempotency_key'),
      `INSERT INTO idempotency_key (scope, key, request_hash, response)
       SELECT $1, key, request_hash, response::jsonb FROM unnest($2::text[], $3::text[], $4::text[]) AS k(key, request_hash, response)`,
      [
        scope,
        records.map((record) => record.key),
        records.map((record) => record.requestHash),
        records.map((record) => JSON.stringify(record.response)),
      ],
    );
  }
}
