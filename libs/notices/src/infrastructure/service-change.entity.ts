import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { UserEntity } from '@madoguchi/identity';

/** A major service change or termination, announced at `publishedAt`, taking effect at `effectiveAt`. */
@Entity('service_change')
@Index('service_change_effective_idx', ['effectiveAt'])
export class ServiceChangeEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** null: Japanese only; English readers see `title`. */
  @Column({ name: 'title_en', type: 'varchar', length: 200, nullable: true })
  titleEn!: string | null;

  @Column({ name: 'effective_at', type: 'timestamptz' })
  effectiveAt!: Date;

  @Column({ name: 'message_ja', type: 'text' })
  messageJa!: string;

  @Column({ name: 'message_en', type: 'text', nullable: true })
  messageEn!: string | null;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'service_change_created_by_fkey' })
  creator?: UserEntity;
}
