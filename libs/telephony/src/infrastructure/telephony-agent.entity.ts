import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { UserEntity } from '@madoguchi/identity';

/** Which Madoguchi user a PBX agent name (`Agent/1127`, `SIP/1001`, …) belongs to; a user may have several. */
@Entity('telephony_agent')
@Index('telephony_agent_user_idx', ['userId'])
export class TelephonyAgentEntity {
  @PrimaryColumn({ name: 'pbx_agent', type: 'varchar', length: 200 })
  pbxAgent!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'telephony_agent_user_id_fkey' })
  user?: UserEntity;
}
