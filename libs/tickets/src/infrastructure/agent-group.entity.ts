import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { UserEntity } from '@madoguchi/identity';

@Entity('agent_group')
@Index('agent_group_name_key', ['name'], { unique: true })
export class AgentGroupEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

@Entity('agent_group_member')
export class AgentGroupMemberEntity {
  @PrimaryColumn({ name: 'group_id', type: 'uuid', primaryKeyConstraintName: 'agent_group_member_pkey' })
  groupId!: string;

  @ManyToOne(() => AgentGroupEntity)
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'agent_group_member_group_id_fkey' })
  group?: AgentGroupEntity;

  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'agent_group_member_pkey' })
  userId!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'agent_group_member_user_id_fkey' })
  user?: UserEntity;
}
