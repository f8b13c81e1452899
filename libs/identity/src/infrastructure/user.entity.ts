import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import type { Role } from '@madoguchi/common';

import { OrganizationEntity } from './organization.entity';

@Entity('app_user')
@Index('app_user_email_key', { synchronize: false })
@Index('app_user_organization_idx', ['organizationId'])
@Check('app_user_customer_has_organization', `"role" <> 'customer' OR "organization_id" IS NOT NULL`)
@Check('app_user_role_check', `"role" IN ('customer', 'agent', 'manager', 'admin')`)
@Check('app_user_language_check', `"language" IN ('ja', 'en')`)
export class UserEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** null: invited, no password set yet (no password signs such a user in). */
  @Column({ name: 'password_hash', type: 'varchar', length: 200, nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'varchar', length: 20 })
  role!: Role;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId!: string | null;

  @ManyToOne(() => OrganizationEntity, { nullable: true })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'app_user_organization_id_fkey' })
  organization?: OrganizationEntity | null;

  @Column({ type: 'varchar', length: 2, default: 'ja' })
  language!: 'ja' | 'en';

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
