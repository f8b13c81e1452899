import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A customer company. Deactivated, never deleted: its tickets and audit history stay meaningful. */
@Entity('organization')
@Index('organization_code_key', { synchronize: false })
// Trigram index on names (migration TicketTags): the desk finds an organization by part of its name.
@Index('organization_name_trgm_idx', { synchronize: false })
export class OrganizationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 50, nullable: true })
  code!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
