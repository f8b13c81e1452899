import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { UserEntity } from '@madoguchi/identity';
import { TicketEntity } from '@madoguchi/tickets';

import type { CallDirection, CallOutcome } from '../domain/call';
import { TelephonyImportEntity } from './telephony-import.entity';

/** One call: from the PBX (unique per source and PBX call id, so re-imports never duplicate) or logged by hand. */
@Entity('telephony_call')
@Index('telephony_call_source_pbx_call_id_key', ['source', 'pbxCallId'], { unique: true })
@Index('telephony_call_entered_idx', ['enteredAt', 'id'])
@Index('telephony_call_agent_idx', ['agent', 'enteredAt'])
// An expression index (the caller number's digits), defined in its migration.
@Index('telephony_call_caller_digits_idx', { synchronize: false })
// Most calls have no ticket: the index leaves them out.
@Index('telephony_call_ticket_idx', ['ticketId'], { where: '"ticket_id" IS NOT NULL' })
@Check('telephony_call_direction_check', `"direction" IN ('inbound', 'outbound')`)
@Check(
  'telephony_call_outcome_check',
  `"outcome" IN ('answered', 'abandoned', 'timeout', 'exit-key', 'exit-empty', 'transferred')`,
)
export class TelephonyCallEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** `asterisk`, `csv` or `manual`. */
  @Column({ type: 'varchar', length: 50 })
  source!: string;

  @Column({ name: 'pbx_call_id', type: 'varchar', length: 200 })
  pbxCallId!: string;

  @Column({ type: 'varchar', length: 10, default: 'inbound' })
  direction!: CallDirection;

  @Column({ type: 'varchar', length: 100, nullable: true })
  queue!: string | null;

  @Column({ name: 'caller_number', type: 'varchar', length: 100, nullable: true })
  callerNumber!: string | null;

  @Column({ name: 'entered_at', type: 'timestamptz', nullable: true })
  enteredAt!: Date | null;

  @Column({ name: 'entered_at_estimated', type: 'boolean', default: false })
  enteredAtEstimated!: boolean;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  outcome!: CallOutcome | null;

  @Column({ name: 'wait_seconds', type: 'integer', nullable: true })
  waitSeconds!: number | null;

  @Column({ name: 'talk_seconds', type: 'integer', nullable: true })
  talkSeconds!: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  agent!: string | null;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ name: 'ticket_id', type: 'uuid', nullable: true })
  ticketId!: string | null;

  @ManyToOne(() => TicketEntity, { nullable: true })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'telephony_call_ticket_id_fkey' })
  ticket?: TicketEntity | null;

  @Column({ name: 'logged_by', type: 'uuid', nullable: true })
  loggedBy!: string | null;

  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'logged_by', foreignKeyConstraintName: 'telephony_call_logged_by_fkey' })
  logger?: UserEntity | null;

  /** The import that first wrote the call: later imports that complete it count as updates. */
  @Column({ name: 'import_id', type: 'uuid', nullable: true })
  importId!: string | null;

  @ManyToOne(() => TelephonyImportEntity, { nullable: true })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'telephony_call_import_id_fkey' })
  import?: TelephonyImportEntity | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
