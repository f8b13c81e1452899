import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  Equals,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

import {
  INQUIRY_CATEGORIES,
  MAX_BULK_TICKETS,
  MAX_TAG_LENGTH,
  MAX_TAGS_PER_TICKET,
  REPLY_STATUSES,
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketChannel,
  type TicketPriority,
  type TicketStatus,
} from '@madoguchi/tickets';

import { CursorPageOf } from '../http/list.dto';
import { FormBoolean, SingleLine, Trim } from '../http/trim.decorator';

export class InquiryDto {
  @ApiProperty({ example: '山田 花子' })
  @Trim()
  @IsString()
  @Length(1, 100)
  @SingleLine()
  name!: string;

  @ApiPropertyOptional({ example: '株式会社さくら商事' })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @SingleLine()
  company?: string;

  @ApiProperty({ example: 'yamada@sakura.example.jp' })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ example: '03-1234-5678' })
  @Trim()
  @IsOptional()
  @Matches(/^[0-9+()\- ]{6,30}$/, { context: { rule: 'phone' } })
  phone?: string;

  @ApiPropertyOptional({ enum: INQUIRY_CATEGORIES })
  @IsOptional()
  @IsIn(INQUIRY_CATEGORIES)
  category?: string;

  @ApiProperty({ example: 'ログインできません' })
  @Trim()
  @IsString()
  @Length(1, 200)
  @SingleLine()
  subject!: string;

  @ApiProperty({ example: '本日朝からログインできません。' })
  @IsString()
  @Length(1, 20_000)
  body!: string;

  @ApiProperty({ description: 'Agreement to the privacy notice; must be true' })
  @FormBoolean()
  @Equals(true)
  consent!: boolean;

  @ApiPropertyOptional({ enum: ['ja', 'en'], description: 'Language of our answers (default ja)' })
  @IsOptional()
  @IsIn(['ja', 'en'])
  language?: 'ja' | 'en';

  @ApiPropertyOptional({ description: 'Leave empty (spam trap)' })
  @IsOptional()
  @ValidateIf((_o, value) => value !== '')
  @MaxLength(0)
  website?: string;
}

export class TicketListQueryDto {
  @ApiPropertyOptional({ description: 'Comma-separated statuses', example: 'new,open' })
  @IsOptional()
  @Matches(new RegExp(`^(${TICKET_STATUSES.join('|')})(,(${TICKET_STATUSES.join('|')}))*$`), {
    context: { rule: 'choice' },
  })
  status?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ description: 'Tickets assigned to this agent group' })
  @IsOptional()
  @IsUUID()
  groupId?: string;

  @ApiPropertyOptional({ description: 'true: only tickets nobody is assigned to' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unassigned?: string;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES })
  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: string;

  @ApiPropertyOptional({ enum: INQUIRY_CATEGORIES })
  @IsOptional()
  @IsIn(INQUIRY_CATEGORIES)
  category?: string;

  @ApiPropertyOptional({ enum: TICKET_CHANNELS })
  @IsOptional()
  @IsIn(TICKET_CHANNELS)
  channel?: string;

  @ApiPropertyOptional({ example: '請求', description: 'Tickets carrying this tag (its name, case aside)' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TAG_LENGTH)
  tag?: string;

  @ApiPropertyOptional({
    description:
      'A ticket number (`MD-2026-000301`, `000301`, `301`), a requester phone number (any separators, +81 or 0), or text in the subject, requester name/e-mail/company or messages (substring match; Japanese works)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({
    enum: ['created', 'due', 'updated'],
    default: 'created',
    description: 'created / updated: newest first; due: most urgent first. Every order pages with `cursor`',
  })
  @IsOptional()
  @IsIn(['created', 'due', 'updated'])
  sort?: 'created' | 'due' | 'updated';

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class TicketMessageDto {
  @ApiProperty()
  @IsString()
  @Length(1, 20_000)
  body!: string;

  @ApiPropertyOptional({ description: 'Internal note: staff only, never shown or sent to customers' })
  @IsOptional()
  @FormBoolean()
  @IsBoolean()
  internal?: boolean;

  @ApiPropertyOptional({
    enum: REPLY_STATUSES,
    description:
      'Staff: the status the ticket takes with this message ("send as"), in the same transaction — `pending` waits on the customer, `solved` starts the auto-close wait',
  })
  @IsOptional()
  @IsIn(REPLY_STATUSES)
  status?: (typeof REPLY_STATUSES)[number];
}

export class UpdateTicketDto {
  @ApiPropertyOptional({ enum: TICKET_STATUSES })
  @IsOptional()
  @IsIn(TICKET_STATUSES)
  status?: TicketStatus;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES })
  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsUUID()
  assigneeId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Agent group the ticket is assigned to' })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsUUID()
  groupId?: string | null;

  @ApiPropertyOptional({
    type: [String],
    example: ['請求', 'VIP'],
    description: 'The tags the ticket carries afterwards: names from the tag list (`GET /api/v1/tags`), case aside',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS_PER_TICKET)
  @IsString({ each: true })
  @MaxLength(MAX_TAG_LENGTH, { each: true })
  tags?: string[];
}

export class BulkUpdateTicketsDto extends PickType(UpdateTicketDto, [
  'status',
  'priority',
  'assigneeId',
  'groupId',
] as const) {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The tickets to change (at most 100)' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_BULK_TICKETS)
  @IsUUID('all', { each: true })
  ids!: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['要折り返し'],
    description: 'Tags added to those each ticket carries (names from the tag list)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS_PER_TICKET)
  @IsString({ each: true })
  @MaxLength(MAX_TAG_LENGTH, { each: true })
  addTags?: string[];
}

class BulkFailureDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ticket.status-transition', description: 'The problem code, as in a problem document' })
  code!: string;
  @ApiProperty({ example: 'A closed ticket cannot change status.' }) detail!: string;
}

export class BulkUpdateResponseDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The tickets that changed' }) updated!: string[];
  @ApiProperty({
    type: [BulkFailureDto],
    description: 'The tickets that could not change, each with why (the others changed regardless)',
  })
  failed!: BulkFailureDto[];
}

const INSTANT = { format: 'date-time', example: '2026-12-01T16:01:37.215+09:00' } as const;
const NULLABLE_INSTANT = { type: String, format: 'date-time', nullable: true } as const;
const NULLABLE_ID = { type: String, format: 'uuid', nullable: true } as const;

class RequesterDto {
  @ApiProperty({ ...NULLABLE_ID, description: 'The signed-in customer who wrote in; null for an anonymous inquiry' })
  id!: string | null;
  @ApiProperty({ example: '山田 花子' }) name!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'hanako@example.co.jp',
    description: 'Null for a caller who gave no address: nothing is e-mailed to them',
  })
  email!: string | null;
  @ApiProperty({ type: String, nullable: true }) company!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ enum: ['ja', 'en'], description: 'The language mail to the requester is written in' })
  language!: 'ja' | 'en';
}

/** A ticket as the API shows it; times in the support calendar's offset. */
export class TicketResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'MD-2026-000301' }) number!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status!: TicketStatus;
  @ApiProperty({ enum: TICKET_PRIORITIES }) priority!: TicketPriority;
  @ApiProperty({ enum: TICKET_CHANNELS }) channel!: TicketChannel;
  @ApiProperty({ type: String, nullable: true, example: 'billing' }) category!: string | null;
  @ApiProperty(NULLABLE_ID) organizationId!: string | null;
  @ApiProperty() requester!: RequesterDto;
  @ApiProperty(NULLABLE_ID) assigneeId!: string | null;
  @ApiProperty(NULLABLE_ID) groupId!: string | null;
  @ApiProperty({ example: 'support-hours' }) calendarId!: string;
  @ApiProperty(INSTANT) createdAt!: string;
  @ApiProperty(INSTANT) updatedAt!: string;
  @ApiProperty({ ...INSTANT, description: 'Moves while the ticket waits on the customer' }) firstResponseDueAt!: string;
  @ApiProperty(NULLABLE_INSTANT) firstRespondedAt!: string | null;
  @ApiProperty(INSTANT) resolutionDueAt!: string;
  @ApiProperty({ ...NULLABLE_INSTANT, description: 'Waiting on the customer since (the clocks are paused)' })
  pendingSince!: string | null;
  @ApiProperty(NULLABLE_INSTANT) solvedAt!: string | null;
  @ApiProperty({ ...NULLABLE_INSTANT, description: 'When a solved ticket closes unless the customer answers' })
  autoCloseAt!: string | null;
  @ApiProperty(NULLABLE_INSTANT) closedAt!: string | null;
  @ApiProperty({ ...NULLABLE_ID, description: 'The closed ticket this one follows up' }) followUpOf!: string | null;
  @ApiProperty({ ...NULLABLE_ID, description: 'Set on a merged duplicate: the ticket its messages went to' })
  mergedIntoId!: string | null;
  @ApiPropertyOptional({ type: [String], example: ['請求'], description: 'Tag names, alphabetical (staff only)' })
  tags?: string[];
}

export class TicketPageResponseDto extends CursorPageOf(TicketResponseDto) {}

export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'screenshot.png' }) filename!: string;
  @ApiProperty({ example: 'image/png' }) contentType!: string;
  @ApiProperty({ description: 'Bytes' }) size!: number;
}

class TicketThreadMessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty(NULLABLE_ID) authorId!: string | null;
  @ApiProperty({ enum: ['requester', 'agent', 'system'] }) authorKind!: 'requester' | 'agent' | 'system';
  @ApiProperty() body!: string;
  @ApiProperty({ description: 'An internal note (staff only)' }) internal!: boolean;
  @ApiProperty(INSTANT) createdAt!: string;
  @ApiProperty({ type: [AttachmentDto] }) attachments!: AttachmentDto[];
}

export class TicketDetailResponseDto extends TicketResponseDto {
  @ApiProperty({ type: [TicketThreadMessageDto], description: 'Oldest first' }) messages!: TicketThreadMessageDto[];
}

export class MessageCreatedResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The ticket the message joined: a new follow-up when it was closed' })
  ticketId!: string;
  @ApiProperty({ ...NULLABLE_ID, description: 'Set when the message opened a follow-up: the closed ticket' })
  followUpOf!: string | null;
  @ApiProperty() internal!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: [AttachmentDto], description: 'The files stored with the message' })
  attachments!: AttachmentDto[];
}

class ReplyingAgentDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'date-time' }) since!: string;
}

export class ReplyingResponseDto {
  @ApiProperty({ type: [ReplyingAgentDto] }) replying!: ReplyingAgentDto[];
}

export class InquiryReceiptResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'MD-2026-000301', description: 'Quote it when you call' }) number!: string;
  @ApiProperty(INSTANT) createdAt!: string;
  @ApiProperty(INSTANT) firstResponseDueAt!: string;
  @ApiProperty(INSTANT) resolutionDueAt!: string;
  @ApiProperty({ type: [AttachmentDto], description: 'The files stored with the inquiry' })
  attachments!: AttachmentDto[];
}

export class InboundMailResponseDto {
  @ApiProperty({
    enum: ['created', 'appended', 'ignored'],
    description:
      'created (201): a new email ticket; appended (201): a reply on its ticket; ignored (200): automatic mail',
  })
  outcome!: 'created' | 'appended' | 'ignored';
  @ApiPropertyOptional({ format: 'uuid' }) ticketId?: string;
  @ApiPropertyOptional({ example: 'MD-2026-000301' }) number?: string;
  @ApiPropertyOptional({ description: 'Files kept with the message' }) attachments?: number;
  @ApiPropertyOptional({ description: 'Why it was ignored', example: 'auto-submitted' }) reason?: string;
  @ApiPropertyOptional({
    example: 'MD-2026-000301',
    description:
      'A reply whose sender no trusted relay verified (INBOUND_MAIL_TRUSTED_RELAYS): the ticket it named, which it did not join',
  })
  unverifiedReplyTo?: string;
}

export class MergeTicketDto {
  @ApiProperty({ format: 'uuid', description: 'The ticket that keeps the conversation' })
  @IsUUID()
  intoId!: string;
}

export class MergedTicketResponseDto {
  @ApiProperty({ format: 'uuid', description: 'The ticket that kept the conversation' }) id!: string;
  @ApiProperty({ example: 'MD-2026-000301' }) number!: string;
  @ApiProperty({ format: 'uuid', description: 'The duplicate, now closed and pointing here' }) mergedId!: string;
  @ApiProperty({ description: 'Messages moved from the duplicate into this thread' }) movedMessages!: number;
}
