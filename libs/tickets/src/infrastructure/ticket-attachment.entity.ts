import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { TicketMessageEntity } from './ticket-message.entity';

/** A file that came with a message; its bytes live in the row (read only when downloaded). */
@Entity('ticket_attachment')
@Index('ticket_attachment_message_idx', ['messageId'])
export class TicketAttachmentEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'ticket_attachment_pkey' })
  id!: string;

  @Column({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @ManyToOne(() => TicketMessageEntity)
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'ticket_attachment_message_id_fkey' })
  message?: TicketMessageEntity;

  @Column({ type: 'varchar', length: 255 })
  filename!: string;

  @Column({ name: 'content_type', type: 'varchar', length: 255 })
  contentType!: string;

  @Column({ type: 'integer' })
  size!: number;

  @Column({ type: 'bytea', select: false })
  content!: Buffer;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
