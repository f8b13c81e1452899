import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { UserEntity } from '@madoguchi/identity';

import { TicketEntity } from './ticket.entity';

@Entity('ticket_message')
@Index('ticket_message_ticket_idx', ['ticketId', 'createdAt'])
@Index('ticket_message_body_trgm_idx', { synchronize: false })
@Check('ticket_message_author_kind_check', `"author_kind" IN ('requester', 'agent', 'system')`)
export class TicketMessageEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'ticket_id', type: 'uuid' })
  ticketId!: string;

  @ManyToOne(() => TicketEntity)
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'ticket_message_ticket_id_fkey' })
  ticket?: TicketEntity;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId!: string | null;

  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'ticket_message_author_id_fkey' })
  author?: UserEntity | null;

  @Column({ name: 'author_kind', type: 'varchar', length: 10 })
  authorKind!: 'requester' | 'agent' | 'system';

  @Column({ type: 'text' })
  body!: string;

  /** Internal notes are for staff only: never shown or sent to customers. */
  @Column({ type: 'boolean', default: false })
  internal!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
