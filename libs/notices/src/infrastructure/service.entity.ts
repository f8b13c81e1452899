import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { ServiceStatus } from '../domain/service-status';

/** A service (component) customers use, with its current status. */
@Entity('service')
@Index('service_name_key', ['name'], { unique: true })
@Check(
  'service_status_check',
  `"status" IN ('operational', 'degraded', 'partial-outage', 'major-outage', 'under-maintenance')`,
)
export class ServiceEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** null: Japanese only; English readers see `name`. */
  @Column({ name: 'name_en', type: 'varchar', length: 100, nullable: true })
  nameEn!: string | null;

  @Column({ type: 'varchar', length: 20, default: 'operational' })
  status!: ServiceStatus;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
