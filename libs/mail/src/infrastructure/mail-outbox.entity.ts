import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { OutgoingMail } from '../domain/mail-message';

/**
 * A message written in the transaction that causes it; the relay hands it to the mail queue
 * afterwards (at once, and again periodically until it succeeds), so a crash or a queue outage
 * between commit and enqueue loses nothing. The dedup key is also the queue job's id.
 */
@Entity('mail_outbox')
@Index('mail_outbox_unrelayed_idx', { synchronize: false })
export class MailOutboxEntity {
  @PrimaryColumn({ name: 'dedup_key', type: 'varchar', length: 200 })
  dedupKey!: string;

  @Column({ type: 'jsonb' })
  message!: OutgoingMail;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'relayed_at', type: 'timestamptz', nullable: true })
  relayedAt!: Date | null;
}
