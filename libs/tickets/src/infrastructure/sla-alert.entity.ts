import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import type { SlaAlertKind, SlaClock } from '../domain/sla';
import { TicketEntity } from './ticket.entity';

/** One raised SLA alert; the primary key makes raising it idempotent. */
@Entity('sla_alert')
@Index('sla_alert_due_idx', ['kind', 'dueAt'])
@Check('sla_alert_clock_check', `"clock" IN ('first-response', 'resolution')`)
@Check('sla_alert_kind_check', `"kind" IN ('warning', 'breach')`)
export class SlaAlertEntity {
  @PrimaryColumn({ name: 'ticket_id', type: 'uuid', primaryKeyConstraintName: 'sla_alert_pkey' })
  ticketId!: string;

  @ManyToOne(() => TicketEntity)
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'sla_alert_ticket_id_fkey' })
  ticket?: TicketEntity;

  @PrimaryColumn({ type: 'varchar', length: 20, primaryKeyConstraintName: 'sla_alert_pkey' })
  clock!: SlaClock;

  @PrimaryColumn({ type: 'varchar', length: 10, primaryKeyConstraintName: 'sla_alert_pkey' })
  kind!: SlaAlertKind;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'raised_at', type: 'timestamptz', default: () => 'now()' })
  raisedAt!: Date;
}
