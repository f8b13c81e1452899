import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { UserEntity } from '@madoguchi/identity';

/** An unplanned closure of the phone desk (a PBX failure, say); it counts against the operating rate. */
@Entity('desk_closure')
@Index('desk_closure_starts_idx', ['startsAt'])
@Check('desk_closure_period_check', `"ends_at" > "starts_at"`)
export class DeskClosureEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'desk_closure_created_by_fkey' })
  creator?: UserEntity;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
