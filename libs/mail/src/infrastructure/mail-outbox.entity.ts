import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { MailRoute, OutgoingMail } from '../domain/mail-message';
import type { MailDeliveryStatus } from '../domain/retry-schedule';

/**
 * A single message, written in the transaction that causes it and owned by this row until a
 * server accepted it: the relay queues a job for it when it is due, the job claims it with a lease,
 * sends it and records the outcome here (sent; failed for good on a 5xx; a temporary failure
 * schedules the next try), so neither a crash nor a lost queue loses it.
 */
@Entity('mail_outbox')
@Index('mail_outbox_pending_idx', { synchronize: false })
@Index('mail_outbox_gave_up_idx', { synchronize: false })
@Check('mail_outbox_status_check', `"status" IN ('pending', 'sent', 'failed', 'gave_up')`)
@Check('mail_outbox_route_check', `"route" IN ('standard', 'alarm')`)
export class MailOutboxEntity {
  @PrimaryColumn({ name: 'dedup_key', type: 'varchar', length: 200 })
  dedupKey!: string;

  @Column({ type: 'jsonb' })
  message!: OutgoingMail;

  /** The server it goes through (an alarm through ALERT_SMTP_URL where configured). */
  @Column({ type: 'varchar', length: 10, default: 'standard' })
  route!: MailRoute;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status!: MailDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column({ name: 'queued_at', type: 'timestamptz', nullable: true })
  queuedAt!: Date | null;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /** Where the retry window starts when an admin resent the message after it was given up (else `created_at`). */
  @Column({ name: 'retry_started_at', type: 'timestamptz', nullable: true })
  retryStartedAt!: Date | null;

  /** The server's last reply (or the transport's error). */
  @Column({ name: 'last_response', type: 'text', nullable: true })
  lastResponse!: string | null;
}
