import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { UserEntity } from '@madoguchi/identity';

import type { IncidentImpact, IncidentStatus } from '../domain/incident';
import { NoticeEntity } from './notice.entity';
import { ServiceEntity } from './service.entity';

/** An outage or degradation, from detection to resolution; `published_at` is its first notice. */
@Entity('incident')
@Index('incident_detected_idx', ['detectedAt'])
@Index('incident_unpublished_idx', { synchronize: false })
@Check('incident_impact_check', `"impact" IN ('degraded', 'partial-outage', 'major-outage')`)
@Check('incident_status_check', `"status" IN ('investigating', 'identified', 'monitoring', 'resolved')`)
export class IncidentEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** null: Japanese only; English readers see `title`. */
  @Column({ name: 'title_en', type: 'varchar', length: 200, nullable: true })
  titleEn!: string | null;

  /** When a manager last corrected the title after it was published (null: as first published). */
  @Column({ name: 'title_corrected_at', type: 'timestamptz', nullable: true })
  titleCorrectedAt!: Date | null;

  @Column({ type: 'varchar', length: 20 })
  impact!: IncidentImpact;

  @Column({ type: 'varchar', length: 20 })
  status!: IncidentStatus;

  @Column({ name: 'detected_at', type: 'timestamptz' })
  detectedAt!: Date;

  @Column({ name: 'notice_deadline_at', type: 'timestamptz' })
  noticeDeadlineAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** null: opened by monitoring (or written by it), not by a person. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'incident_created_by_fkey' })
  creator?: UserEntity;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

@Entity('incident_service')
export class IncidentServiceEntity {
  @PrimaryColumn({ name: 'incident_id', type: 'uuid', primaryKeyConstraintName: 'incident_service_pkey' })
  incidentId!: string;

  @ManyToOne(() => IncidentEntity)
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'incident_service_incident_id_fkey' })
  incident?: IncidentEntity;

  @PrimaryColumn({ name: 'service_id', type: 'uuid', primaryKeyConstraintName: 'incident_service_pkey' })
  serviceId!: string;

  @ManyToOne(() => ServiceEntity)
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'incident_service_service_id_fkey' })
  service?: ServiceEntity;
}

/** One status update with its bilingual message; published with a notice, or still a draft. */
@Entity('incident_update')
@Index('incident_update_incident_idx', ['incidentId', 'createdAt'])
@Check('incident_update_impact_check', `"impact" IN ('degraded', 'partial-outage', 'major-outage')`)
export class IncidentUpdateEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId!: string;

  @ManyToOne(() => IncidentEntity)
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'incident_update_incident_id_fkey' })
  incident?: IncidentEntity;

  @Column({ type: 'varchar', length: 20 })
  status!: IncidentStatus;

  /** The impact in force from this update on (availability follows it). */
  @Column({ type: 'varchar', length: 20 })
  impact!: IncidentImpact;

  @Column({ name: 'message_ja', type: 'text' })
  messageJa!: string;

  @Column({ name: 'message_en', type: 'text', nullable: true })
  messageEn!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** null: opened by monitoring (or written by it), not by a person. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'incident_update_created_by_fkey' })
  creator?: UserEntity;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'notice_id', type: 'uuid', nullable: true })
  noticeId!: string | null;

  @ManyToOne(() => NoticeEntity)
  @JoinColumn({ name: 'notice_id', foreignKeyConstraintName: 'incident_update_notice_id_fkey' })
  notice?: NoticeEntity;
}

/** A raised "not notified yet" alert, once per incident and mark (30, 45 minutes). */
@Entity('incident_alert')
export class IncidentAlertEntity {
  @PrimaryColumn({ name: 'incident_id', type: 'uuid', primaryKeyConstraintName: 'incident_alert_pkey' })
  incidentId!: string;

  @ManyToOne(() => IncidentEntity)
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'incident_alert_incident_id_fkey' })
  incident?: IncidentEntity;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'incident_alert_pkey' })
  minutes!: number;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt!: Date;
}

/** One alert episode from monitoring (its fingerprint and start), and the incident it opened or joined. */
@Entity('monitoring_alert')
@Index('monitoring_alert_incident_idx', ['incidentId'])
export class MonitoringAlertEntity {
  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'monitoring_alert_pkey' })
  fingerprint!: string;

  @PrimaryColumn({ name: 'starts_at', type: 'timestamptz', primaryKeyConstraintName: 'monitoring_alert_pkey' })
  startsAt!: Date;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId!: string;

  @ManyToOne(() => IncidentEntity)
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'monitoring_alert_incident_id_fkey' })
  incident?: IncidentEntity;

  @Column({ name: 'service_id', type: 'uuid' })
  serviceId!: string;

  @ManyToOne(() => ServiceEntity)
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'monitoring_alert_service_id_fkey' })
  service?: ServiceEntity;

  @Column({ type: 'varchar', length: 500 })
  summary!: string;

  /** When the monitor saw recovery; null while firing. */
  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt!: Date | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
