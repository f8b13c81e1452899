import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { BusinessCalendarEntity } from '@madoguchi/business-calendar';

import type { SlaConditions } from '../domain/sla-policy';

const bigintAsNumber = { to: (value: number) => value, from: (value: string) => Number(value) };

@Entity('sla_policy')
@Index('sla_policy_position_key', ['position'], { unique: true })
export class SlaPolicyEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  conditions!: SlaConditions;

  @Column({ name: 'calendar_id', type: 'varchar', length: 50 })
  calendarId!: string;

  @ManyToOne(() => BusinessCalendarEntity)
  @JoinColumn({ name: 'calendar_id', foreignKeyConstraintName: 'sla_policy_calendar_id_fkey' })
  calendar?: BusinessCalendarEntity;

  @Column({ name: 'first_response_ms', type: 'bigint', transformer: bigintAsNumber })
  firstResponseMs!: number;

  @Column({ name: 'resolution_ms', type: 'bigint', transformer: bigintAsNumber })
  resolutionMs!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
