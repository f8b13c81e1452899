import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import type { NoticeContent } from '../domain/notice-content';

/** The outbox: one notice (its content in every language), written with its delivery rows. */
@Entity('notice')
@Index('notice_subject_idx', ['subjectType', 'subjectId'])
export class NoticeEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  kind!: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 20 })
  subjectType!: 'incident' | 'maintenance' | 'service-change';

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId!: string;

  @Column({ type: 'jsonb' })
  content!: NoticeContent;

  @Column({ type: 'integer', default: 0 })
  total!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * One recipient of one notice: the ledger that makes "each recipient once" checkable. Written only
 * with its notice (no foreign key: see the migration).
 */
@Entity('notice_delivery')
@Check('notice_delivery_status_check', `"status" IN ('pending', 'sent', 'failed', 'gave_up')`)
export class NoticeDeliveryEntity {
  @PrimaryColumn({ name: 'notice_id', type: 'uuid', primaryKeyConstraintName: 'notice_delivery_pkey' })
  noticeId!: string;

  /** Byte order (COLLATE "C"): lower-cased addresses need no locale rules, and comparing bytes is fast. */
  @PrimaryColumn({ type: 'varchar', length: 254, collation: 'C', primaryKeyConstraintName: 'notice_delivery_pkey' })
  recipient!: string;

  @Column({ type: 'varchar', length: 2 })
  language!: 'ja' | 'en';

  @Column({ name: 'batch_no', type: 'integer' })
  batchNo!: number;

  /** `failed`: refused for good (5xx); `gave_up`: still failing temporarily when the retry window closed. */
  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status!: 'pending' | 'sent' | 'failed' | 'gave_up';

  @Column({ type: 'text', nullable: true })
  response!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  /** A status page subscriber's one-click unsubscribe token: its copy goes as a message of its own. */
  @Column({ name: 'unsubscribe_token', type: 'varchar', length: 64, nullable: true })
  unsubscribeToken!: string | null;
}

/**
 * One batch (one SMTP transaction) of a notice's recipients: the sender's lease and the attempt
 * count live here, one row per batch, so claiming a batch writes one row. `revision` rises with
 * every claim and record, which lets a claim see that someone else changed the batch meanwhile.
 */
@Entity('notice_batch')
export class NoticeBatchEntity {
  @PrimaryColumn({ name: 'notice_id', type: 'uuid', primaryKeyConstraintName: 'notice_batch_pkey' })
  noticeId!: string;

  @ManyToOne(() => NoticeEntity)
  @JoinColumn({ name: 'notice_id', foreignKeyConstraintName: 'notice_batch_notice_id_fkey' })
  notice?: NoticeEntity;

  @PrimaryColumn({ type: 'varchar', length: 2, primaryKeyConstraintName: 'notice_batch_pkey' })
  language!: 'ja' | 'en';

  @PrimaryColumn({ name: 'batch_no', type: 'integer', primaryKeyConstraintName: 'notice_batch_pkey' })
  batchNo!: number;

  /** The batch's recipients are the language's addresses from here to `lastRecipient` (byte order). */
  @Column({ name: 'first_recipient', type: 'varchar', length: 254, collation: 'C' })
  firstRecipient!: string;

  @Column({ name: 'last_recipient', type: 'varchar', length: 254, collation: 'C' })
  lastRecipient!: string;

  /** No recipient of the batch is pending any more. */
  @Column({ type: 'boolean', default: false })
  done!: boolean;

  @Column({ type: 'smallint', default: 0 })
  attempts!: number;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ type: 'integer', default: 0 })
  revision!: number;

  /** Not tried again before this (the retry schedule after a temporary failure). */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  /** When a job was last queued for the batch: a due batch with no job since is queued again. */
  @Column({ name: 'queued_at', type: 'timestamptz', nullable: true })
  queuedAt!: Date | null;

  /** Start of the give-up window (the notice's writing, or a manager's resend). */
  @Column({ name: 'retry_started_at', type: 'timestamptz', default: () => 'now()' })
  retryStartedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
