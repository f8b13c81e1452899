import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { MaintenanceEntity } from './maintenance.entity';
import { NoticeEntity } from './notice.entity';

/**
 * A notice a maintenance window owes at a future instant (reminders, start, completion). The row
 * is the schedule: a periodic scan sends what fell due, so neither a restart nor a lost queue can
 * skip or repeat one; `notice_id` records that it was sent.
 */
@Entity('maintenance_schedule')
@Index('maintenance_schedule_due_idx', { synchronize: false })
export class MaintenanceScheduleEntity {
  @PrimaryColumn({ name: 'maintenance_id', type: 'uuid', primaryKeyConstraintName: 'maintenance_schedule_pkey' })
  maintenanceId!: string;

  @ManyToOne(() => MaintenanceEntity)
  @JoinColumn({ name: 'maintenance_id', foreignKeyConstraintName: 'maintenance_schedule_maintenance_id_fkey' })
  maintenance?: MaintenanceEntity;

  @PrimaryColumn({ type: 'varchar', length: 20, primaryKeyConstraintName: 'maintenance_schedule_pkey' })
  kind!: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'notice_id', type: 'uuid', nullable: true })
  noticeId!: string | null;

  @ManyToOne(() => NoticeEntity)
  @JoinColumn({ name: 'notice_id', foreignKeyConstraintName: 'maintenance_schedule_notice_id_fkey' })
  notice?: NoticeEntity;

  @Column({ type: 'boolean', default: false })
  cancelled!: boolean;
}
