import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { CalendarDefinition } from '../domain/calendar-definition';

@Entity('business_calendar')
export class BusinessCalendarEntity {
  @PrimaryColumn({ type: 'varchar', length: 50 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'jsonb' })
  definition!: CalendarDefinition;

  @Column({ name: 'built_in', type: 'boolean', default: false })
  builtIn!: boolean;

  /** Bumped by every change, so that processes know when their compiled calendar is stale. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
