import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { OrganizationEntity, UserEntity } from '@madoguchi/identity';

import type { TicketChannel, TicketPriority, TicketStatus } from '../domain/ticket';
import { AgentGroupEntity } from './agent-group.entity';

const bigintAsNumber = { to: (value: number) => value, from: (value: string | null) => Number(value ?? 0) };

@Entity('ticket')
@Index('ticket_number_key', ['number'], { unique: true })
@Index('ticket_status_due_idx', ['status', 'resolutionDueAt'])
// Covering indexes (INCLUDE, which TypeORM cannot express) for the KPI aggregates; defined in migrations.
@Index('ticket_first_response_due_idx', { synchronize: false })
@Index('ticket_solved_idx', { synchronize: false })
@Index('ticket_first_responded_idx', { synchronize: false })
@Index('ticket_organization_idx', ['organizationId', 'createdAt'])
@Index('ticket_assignee_idx', ['assigneeId', 'status'])
@Index('ticket_search_trgm_idx', { synchronize: false })
@Index('ticket_number_sequence_idx', { synchronize: false })
@Index('ticket_requester_phone_idx', { synchronize: false })
@Index('ticket_requester_email_idx', { synchronize: false })
@Index('ticket_auto_close_idx', ['status', 'autoCloseAt'])
@Index('ticket_group_idx', ['groupId', 'status'])
// The desk's orders (migration DeskQueueOrder): partial expression indexes TypeORM cannot express.
@Index('ticket_open_due_idx', { synchronize: false })
@Index('ticket_open_updated_idx', { synchronize: false })
@Index('ticket_created_idx', { synchronize: false })
@Check('ticket_status_check', `"status" IN ('new', 'open', 'pending', 'solved', 'closed')`)
@Check('ticket_priority_check', `"priority" IN ('low', 'normal', 'high', 'urgent')`)
@Check('ticket_channel_check', `"channel" IN ('web', 'phone', 'email', 'api')`)
export class TicketEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 20 })
  number!: string;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId!: string | null;

  @ManyToOne(() => OrganizationEntity, { nullable: true })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'ticket_organization_id_fkey' })
  organization?: OrganizationEntity | null;

  @Column({ name: 'requester_id', type: 'uuid', nullable: true })
  requesterId!: string | null;

  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'requester_id', foreignKeyConstraintName: 'ticket_requester_id_fkey' })
  requester?: UserEntity | null;

  @Column({ name: 'requester_name', type: 'varchar', length: 200 })
  requesterName!: string;

  /** Null for a caller who gave no address: nothing is e-mailed to them (the desk says so). */
  @Column({ name: 'requester_email', type: 'varchar', length: 254, nullable: true })
  requesterEmail!: string | null;

  @Column({ name: 'requester_company', type: 'varchar', length: 200, nullable: true })
  requesterCompany!: string | null;

  @Column({ name: 'requester_phone', type: 'varchar', length: 50, nullable: true })
  requesterPhone!: string | null;

  @Column({ name: 'requester_language', type: 'varchar', length: 2, default: 'ja' })
  requesterLanguage!: 'ja' | 'en';

  @Column({ type: 'varchar', length: 10 })
  channel!: TicketChannel;

  @Column({ type: 'varchar', length: 50, nullable: true })
  category!: string | null;

  @Column({ type: 'varchar', length: 10, default: 'normal' })
  priority!: TicketPriority;

  @Column({ type: 'varchar', length: 10, default: 'new' })
  status!: TicketStatus;

  @Column({ type: 'varchar', length: 200 })
  subject!: string;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId!: string | null;

  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'ticket_assignee_id_fkey' })
  assignee?: UserEntity | null;

  /** The group the ticket is assigned to (with or without a person in it). */
  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId!: string | null;

  @ManyToOne(() => AgentGroupEntity, { nullable: true })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'ticket_group_id_fkey' })
  group?: AgentGroupEntity | null;

  @Column({ name: 'calendar_id', type: 'varchar', length: 50 })
  calendarId!: string;

  @Column({ name: 'first_response_due_at', type: 'timestamptz' })
  firstResponseDueAt!: Date;

  @Column({ name: 'resolution_due_at', type: 'timestamptz' })
  resolutionDueAt!: Date;

  /** 75% of the first-response target: when the assignee is warned. */
  @Column({ name: 'first_response_warn_at', type: 'timestamptz' })
  firstResponseWarnAt!: Date;

  @Column({ name: 'resolution_warn_at', type: 'timestamptz' })
  resolutionWarnAt!: Date;

  @Column({ name: 'first_responded_at', type: 'timestamptz', nullable: true })
  firstRespondedAt!: Date | null;

  @Column({ name: 'pending_since', type: 'timestamptz', nullable: true })
  pendingSince!: Date | null;

  /** Business ms spent pending on the customer, already added to resolutionDueAt. */
  @Column({ name: 'paused_ms', type: 'bigint', default: 0, transformer: bigintAsNumber })
  pausedMs!: number;

  /** Business time from creation to the first public reply, written with it. */
  @Column({ name: 'first_response_business_seconds', type: 'integer', nullable: true })
  firstResponseBusinessSeconds!: number | null;

  /** Business time from creation to solved, time pending on the customer left out; cleared on reopening. */
  @Column({ name: 'resolution_business_seconds', type: 'integer', nullable: true })
  resolutionBusinessSeconds!: number | null;

  @Column({ name: 'solved_at', type: 'timestamptz', nullable: true })
  solvedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** A solved ticket closes by itself then, unless the customer answers first. */
  @Column({ name: 'auto_close_at', type: 'timestamptz', nullable: true })
  autoCloseAt!: Date | null;

  /** The closed ticket this one continues (a customer wrote again after it closed). */
  @Column({ name: 'follow_up_of', type: 'uuid', nullable: true })
  followUpOf!: string | null;

  @ManyToOne(() => TicketEntity, { nullable: true })
  @JoinColumn({ name: 'follow_up_of', foreignKeyConstraintName: 'ticket_follow_up_of_fkey' })
  followUpOfTicket?: TicketEntity | null;

  /** The ticket this duplicate was merged into (its messages are there now). */
  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId!: string | null;

  @ManyToOne(() => TicketEntity, { nullable: true })
  @JoinColumn({ name: 'merged_into_id', foreignKeyConstraintName: 'ticket_merged_into_id_fkey' })
  mergedIntoTicket?: TicketEntity | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
