import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { PresenceState } from '../domain/call';

/**
 * An agent's availability changing at an instant, from the desk toggle or a PBX line. Stored as
 * changes, not intervals: files imported in any order, or twice, still give the same intervals
 * (each runs to the agent's next change), and the key makes a repeated line a no-op.
 */
@Entity('agent_presence_change')
@Index('agent_presence_change_at_idx', ['at'])
@Check('agent_presence_change_state_check', `"state" IN ('available', 'paused', 'offline')`)
@Check('agent_presence_change_source_check', `"source" IN ('pbx', 'desk')`)
export class AgentPresenceChangeEntity {
  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'agent_presence_change_pkey' })
  agent!: string;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'agent_presence_change_pkey' })
  at!: Date;

  @PrimaryColumn({ type: 'varchar', length: 10, primaryKeyConstraintName: 'agent_presence_change_pkey' })
  state!: PresenceState;

  @Column({ type: 'varchar', length: 100, nullable: true })
  reason!: string | null;

  @Column({ type: 'integer', default: 0 })
  ordinal!: number;

  @Column({ type: 'varchar', length: 10 })
  source!: 'pbx' | 'desk';
}
