import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { UserEntity } from '@madoguchi/identity';

import { TicketEntity } from './ticket.entity';

@Entity('ticket_reply_presence')
export class ReplyPresenceEntity {
  @PrimaryColumn({ name: 'ticket_id', type: 'uuid', primaryKeyConstraintName: 'ticket_reply_presence_pkey' })
  ticketId!: string;

  @ManyToOne(() => TicketEntity)
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'ticket_reply_presence_ticket_id_fkey' })
  ticket?: TicketEntity;

  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'ticket_reply_presence_pkey' })
  userId!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'ticket_reply_presence_user_id_fkey' })
  user?: UserEntity;

  @Column({ name: 'heartbeat_at', type: 'timestamptz' })
  heartbeatAt!: Date;
}
