import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { OrganizationEntity } from '@madoguchi/identity';

import { ServiceEntity } from './service.entity';

/** The services an organization uses, when an admin narrowed them; no rows means every service. */
@Entity('organization_service')
export class OrganizationServiceEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid', primaryKeyConstraintName: 'organization_service_pkey' })
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity)
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'organization_service_organization_id_fkey' })
  organization?: OrganizationEntity;

  @PrimaryColumn({ name: 'service_id', type: 'uuid', primaryKeyConstraintName: 'organization_service_pkey' })
  serviceId!: string;

  @ManyToOne(() => ServiceEntity)
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'organization_service_service_id_fkey' })
  service?: ServiceEntity;
}

/** An address that receives an organization's notices besides its contacts (an on-call list, say). */
@Entity('notice_extra_recipient')
@Index('notice_extra_recipient_key', ['organizationId', 'email'], { unique: true })
export class NoticeExtraRecipientEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity)
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'notice_extra_recipient_organization_id_fkey' })
  organization?: OrganizationEntity;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 2, default: 'ja' })
  language!: 'ja' | 'en';

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/** An address a server refused permanently: left out of every fan-out until an admin releases it. */
@Entity('mail_quarantine')
export class MailQuarantineEntity {
  @PrimaryColumn({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'notice_id', type: 'uuid', nullable: true })
  noticeId!: string | null;

  @Column({ name: 'quarantined_at', type: 'timestamptz' })
  quarantinedAt!: Date;
}

/** What a subscription request asks for, applied when its address confirms it. */
export interface PendingSubscription {
  language: 'ja' | 'en';
  serviceIds: string[];
}

/**
 * Someone who subscribed to the status notices from the status page (no account needed). Receives
 * notices once `confirmedAt` is set: the services it follows (`serviceIds`; empty: all), in its language.
 */
@Entity('status_subscriber')
@Check('status_subscriber_language_check', `"language" IN ('ja', 'en')`)
@Index('status_subscriber_email_key', ['email'], { unique: true })
@Index('status_subscriber_unsubscribe_token_key', ['unsubscribeToken'], { unique: true })
@Index('status_subscriber_confirm_token_key', ['confirmTokenHash'], { unique: true })
export class StatusSubscriberEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'status_subscriber_pkey' })
  id!: string;

  /** Lower-cased. */
  @Column({ type: 'varchar', length: 254, collation: 'C' })
  email!: string;

  @Column({ type: 'varchar', length: 2 })
  language!: 'ja' | 'en';

  @Column({ name: 'service_ids', type: 'uuid', array: true, default: () => "'{}'" })
  serviceIds!: string[];

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  pending!: PendingSubscription | null;

  /** SHA-256 of the confirmation link's token (the link itself is only in the mail). */
  @Column({ name: 'confirm_token_hash', type: 'varchar', length: 64, nullable: true })
  confirmTokenHash!: string | null;

  @Column({ name: 'confirm_expires_at', type: 'timestamptz', nullable: true })
  confirmExpiresAt!: Date | null;

  @Column({ name: 'confirmation_sent_at', type: 'timestamptz', nullable: true })
  confirmationSentAt!: Date | null;

  @Column({ name: 'unsubscribe_token', type: 'varchar', length: 64 })
  unsubscribeToken!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
