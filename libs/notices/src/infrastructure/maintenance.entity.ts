import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { UserEntity } from '@madoguchi/identity';

import { ServiceEntity } from './service.entity';

/** An announced maintenance window; the rules it passed are in `maintenanceViolations`. */
@Entity('maintenance')
@Index('maintenance_starts_idx', ['startsAt'])
@Check('maintenance_kind_check', `"kind" IN ('planned', 'emergency')`)
@Check('maintenance_window_check', `"ends_at" > "starts_at"`)
export class MaintenanceEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** null: Japanese only; English readers see `title`. */
  @Column({ name: 'title_en', type: 'varchar', length: 200, nullable: true })
  titleEn!: string | null;

  @Column({ type: 'varchar', length: 10 })
  kind!: 'planned' | 'emergency';

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'reason_en', type: 'text', nullable: true })
  reasonEn!: string | null;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ name: 'message_ja', type: 'text' })
  messageJa!: string;

  @Column({ name: 'message_en', type: 'text', nullable: true })
  messageEn!: string | null;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'maintenance_created_by_fkey' })
  creator?: UserEntity;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason!: string | null;

  /** When the announced window was last moved or its text changed (null: as announced). */
  @Column({ name: 'changed_at', type: 'timestamptz', nullable: true })
  changedAt!: Date | null;
}

@Entity('maintenance_service')
export class MaintenanceServiceEntity {
  @PrimaryColumn({ name: 'maintenance_id', type: 'uuid', primaryKeyConstraintName: 'maintenance_service_pkey' })
  maintenanceId!: string;

  @ManyToOne(() => MaintenanceEntity)
  @JoinColumn({ name: 'maintenance_id', foreignKeyConstraintName: 'maintenance_service_maintenance_id_fkey' })
  maintenance?: MaintenanceEntity;

  @PrimaryColumn({ name: 'service_id', type: 'uuid', primaryKeyConstraintName: 'maintenance_service_pkey' })
  serviceId!: string;

  @ManyToOne(() => ServiceEntity)
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'maintenance_service_service_id_fkey' })
  service?: ServiceEntity;
}
