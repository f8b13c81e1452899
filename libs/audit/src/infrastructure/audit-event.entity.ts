import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: rows are inserted through AuditRepository and never updated (a trigger refuses). */
@Entity('audit_event')
@Index('audit_event_occurred_idx', ['occurredAt'])
@Index('audit_event_action_target_idx', ['action', 'targetId', 'occurredAt'])
@Index('audit_event_action_ip_idx', ['action', 'ip', 'occurredAt'])
@Index('audit_event_actor_idx', ['actorId', 'occurredAt'])
@Index('audit_event_chain_seq_key', ['chainSeq'], { unique: true })
@Index('audit_event_unsealed_idx', { synchronize: false })
export class AuditEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_email', type: 'varchar', length: 254, nullable: true })
  actorEmail!: string | null;

  @Column({ type: 'varchar', length: 100 })
  action!: string;

  @Column({ name: 'target_type', type: 'varchar', length: 50, nullable: true })
  targetType!: string | null;

  @Column({ name: 'target_id', type: 'varchar', length: 254, nullable: true })
  targetId!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  summary!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 500, nullable: true })
  userAgent!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId!: string | null;

  /** Position in the hash chain, set once when the entry is sealed (null until then). */
  @Column({ name: 'chain_seq', type: 'bigint', nullable: true })
  chainSeq!: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64, nullable: true })
  prevHash!: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  hash!: string | null;

  /** The key that sealed it (`AuditKey.id`), `sha256` before the chain was keyed; null until sealed. */
  @Column({ name: 'hash_key', type: 'varchar', length: 16, nullable: true })
  hashKey!: string | null;
}
