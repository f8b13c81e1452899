import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

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
