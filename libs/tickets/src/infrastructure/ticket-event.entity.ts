import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { TicketEntity } from './ticket.entity';

/** The ticket's own history: created, status changed, replied, assigned… */
@Entity('ticket_event')
@Index('ticket_event_ticket_idx', ['ticketId', 'id'])
@Index('ticket_event_occurred_idx', ['occurredAt'])
export class TicketEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'ticket_id', type: 'uuid' })
  ticketId!: string;

  @ManyToOne(() => TicketEntity)
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'ticket_event_ticket_id_fkey' })
  ticket?: TicketEntity;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 50 })
  kind!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;
}
