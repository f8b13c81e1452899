import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The first answer given to a request with an Idempotency-Key, returned again to its retries. */
@Entity('idempotency_key')
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 50, primaryKeyConstraintName: 'idempotency_key_pkey' })
  scope!: string;

  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'idempotency_key_pkey' })
  key!: string;

  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash!: string;

  @Column({ type: 'jsonb' })
  response!: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
