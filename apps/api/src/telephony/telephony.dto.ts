import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
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
  CALL_DIRECTIONS,
  CALL_OUTCOMES,
  type CallDirection,
  type CallOutcome,
  IMPORT_FORMATS,
  type ImportFormat,
  type ImportStatus,
  PRESENCE_STATES,
  type PresenceState,
  SKIP_CODES,
  type SkipCode,
} from '@madoguchi/telephony';

import { CursorPageOf, ListOf } from '../http/list.dto';
import { Trim } from '../http/trim.decorator';
import { InquiryDto } from '../tickets/ticket.dto';

const ISO = { strict: true, strictSeparator: true };

export class ImportQueryDto {
  @ApiPropertyOptional({ enum: IMPORT_FORMATS, default: 'asterisk-queue-log' })
  @IsOptional()
  @IsIn(IMPORT_FORMATS)
  format?: ImportFormat;

  @ApiPropertyOptional({ description: 'Name of the uploaded file, shown in the import list' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  fileName?: string;
}

export class CallListQueryDto {
  @ApiPropertyOptional({ description: 'Calls that entered the queue at or after this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601(ISO)
  from?: string;

  @ApiPropertyOptional({ description: 'Calls that entered the queue before this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601(ISO)
  to?: string;

  @ApiPropertyOptional({ enum: [...CALL_OUTCOMES, 'waiting'], description: '`waiting`: no outcome yet' })
  @IsOptional()
  @IsIn([...CALL_OUTCOMES, 'waiting'])
  outcome?: CallOutcome | 'waiting';

  @ApiPropertyOptional({ example: 'Agent/1127' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  agent?: string;

  @ApiPropertyOptional({ enum: CALL_DIRECTIONS })
  @IsOptional()
  @IsIn(CALL_DIRECTIONS)
  direction?: CallDirection;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  ticketId?: string;

  @ApiPropertyOptional({ default: 50, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export class LogCallDto {
  @ApiProperty({ enum: CALL_DIRECTIONS })
  @IsIn(CALL_DIRECTIONS)
  direction!: CallDirection;

  @ApiProperty({ example: '03-1234-5678', description: 'The other party’s number' })
  @Trim()
  @Matches(/^[0-9+()\- ]{3,30}$/, { context: { rule: 'phone' } })
  callerNumber!: string;

  @ApiProperty({ example: '2026-11-30T10:15:00+09:00' })
  @IsISO8601(ISO)
  startedAt!: string;

  @ApiProperty({ example: 300 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(24 * 3600)
  durationSeconds!: number;

  @ApiProperty({ example: '請求書の再発行について' })
  @Trim()
  @IsString()
  @Length(1, 5000)
  summary!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  ticketId?: string;
}

export class LinkCallDto {
  @ApiProperty({ nullable: true, description: 'The ticket this call belongs to; null unlinks' })
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  ticketId!: string | null;
}

/** The caller's details as the inquiry form takes them (same limits and messages); body optional. */
export class TicketFromCallDto extends PickType(InquiryDto, ['name', 'company', 'category', 'subject'] as const) {
  @ApiPropertyOptional({
    example: 'yamada@sakura.example.jp',
    description: 'The caller’s address, if they gave one; without it nothing is e-mailed to them',
  })
  @Trim()
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ enum: ['ja', 'en'] })
  @IsOptional()
  @IsIn(['ja', 'en'])
  language?: 'ja' | 'en';

  @ApiPropertyOptional({ description: 'First message; the call’s summary when empty' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  body?: string;
}

export class SetPresenceDto {
  @ApiProperty({ enum: PRESENCE_STATES })
  @IsIn(PRESENCE_STATES)
  state!: PresenceState;

  @ApiPropertyOptional({ example: 'break', description: 'Why paused (break, after-call work, …)' })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  reason?: string;
}

export class PeriodQueryDto {
  @ApiProperty({ example: '2026-11-30T00:00:00+09:00' })
  @IsISO8601(ISO)
  from!: string;

  @ApiProperty({ example: '2026-12-01T00:00:00+09:00' })
  @IsISO8601(ISO)
  to!: string;

  @ApiPropertyOptional({ example: 'Agent/1127' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  agent?: string;
}

export class ClosureDto {
  @ApiProperty({ example: '2026-11-30T10:00:00+09:00' })
  @IsISO8601(ISO)
  startsAt!: string;

  @ApiProperty({ example: '2026-11-30T11:30:00+09:00' })
  @IsISO8601(ISO)
  endsAt!: string;

  @ApiProperty({ example: '電話システム障害' })
  @Trim()
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class AgentLinkDto {
  @ApiProperty({ example: 'Agent/1127', description: 'The agent name as the PBX writes it' })
  @Trim()
  @IsString()
  @Length(1, 200)
  pbxAgent!: string;

  @ApiProperty()
  @IsUUID()
  userId!: string;
}

const NULLABLE_INSTANT = { type: String, format: 'date-time', nullable: true } as const;
const NULLABLE_TEXT = { type: String, nullable: true } as const;

/** A call as the API shows it; `outcome: null` is a call still waiting when the log ended. */
export class CallResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The PBX’s id (Asterisk uniqueid), or a generated one for a logged call' })
  pbxCallId!: string;
  @ApiProperty({ example: 'asterisk', description: 'Where the call came from: a PBX import or logged by hand' })
  source!: string;
  @ApiProperty({ enum: CALL_DIRECTIONS }) direction!: CallDirection;
  @ApiProperty(NULLABLE_TEXT) queue!: string | null;
  @ApiProperty(NULLABLE_TEXT) callerNumber!: string | null;
  @ApiProperty(NULLABLE_INSTANT) enteredAt!: string | null;
  @ApiProperty({ description: 'enteredAt was inferred (the log lacked the ENTERQUEUE)' }) enteredAtEstimated!: boolean;
  @ApiProperty({ ...NULLABLE_INSTANT, description: 'Its CONNECT' }) answeredAt!: string | null;
  @ApiProperty(NULLABLE_INSTANT) endedAt!: string | null;
  @ApiProperty({ enum: CALL_OUTCOMES, nullable: true }) outcome!: CallOutcome | null;
  @ApiProperty({ type: Number, nullable: true }) waitSeconds!: number | null;
  @ApiProperty({ type: Number, nullable: true }) talkSeconds!: number | null;
  @ApiProperty(NULLABLE_TEXT) agent!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ticketId!: string | null;
  @ApiProperty(NULLABLE_TEXT) summary!: string | null;
}

export class CallPageResponseDto extends CursorPageOf(CallResponseDto) {}

export class TicketFromCallResponseDto {
  @ApiProperty({ format: 'uuid' }) ticketId!: string;
  @ApiProperty({ example: 'MD-2026-000301' }) number!: string;
}

class SkippedLineDto {
  @ApiProperty() line!: number;
  @ApiProperty() reason!: string;
}

class SkippedExampleDto {
  @ApiProperty() line!: number;
  @ApiProperty() text!: string;
  @ApiProperty() detail!: string;
}

class SkippedGroupDto {
  @ApiProperty({ enum: SKIP_CODES, description: 'A code the pages translate' }) reason!: SkipCode;
  @ApiProperty() count!: number;
  @ApiProperty({ type: [SkippedExampleDto], description: 'The first few lines of this reason' })
  firstLines!: SkippedExampleDto[];
}

class CoverageDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
}

export class ImportResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] }) status!: ImportStatus;
  @ApiProperty({ enum: IMPORT_FORMATS }) format!: ImportFormat;
  @ApiProperty({ description: 'A live feed rather than an uploaded file' }) live!: boolean;
  @ApiProperty(NULLABLE_TEXT) fileName!: string | null;
  @ApiProperty() byteSize!: number;
  @ApiProperty() bytesRead!: number;
  @ApiProperty({ description: 'Share of the file imported so far, 0 to 1', minimum: 0, maximum: 1 }) progress!: number;
  @ApiProperty() linesRead!: number;
  @ApiProperty() callsCreated!: number;
  @ApiProperty() callsUpdated!: number;
  @ApiProperty() linesSkipped!: number;
  @ApiProperty() unknownEvents!: number;
  @ApiProperty() presenceChanges!: number;
  @ApiProperty({ type: [SkippedLineDto] }) errors!: SkippedLineDto[];
  @ApiProperty({ type: [SkippedGroupDto] }) skippedByReason!: SkippedGroupDto[];
  @ApiProperty({ type: CoverageDto, nullable: true, description: 'The first and last event instant the file held' })
  coverage!: CoverageDto | null;
  @ApiProperty(NULLABLE_TEXT) failure!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty(NULLABLE_INSTANT) startedAt!: string | null;
  @ApiProperty(NULLABLE_INSTANT) finishedAt!: string | null;
}

export class ImportCreatedResponseDto {
  @ApiProperty({ format: 'uuid', description: 'Follow it at GET /api/v1/telephony/imports/{id}' }) id!: string;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] }) status!: ImportStatus;
}

export class ImportListResponseDto extends ListOf(ImportResponseDto, 'Newest first') {}

export class PresenceResponseDto {
  @ApiProperty({ type: [String], description: 'The PBX agent names linked to me' }) agents!: string[];
  @ApiProperty({ enum: PRESENCE_STATES }) state!: PresenceState;
  @ApiProperty(NULLABLE_TEXT) reason!: string | null;
}

class PresenceIntervalDto {
  @ApiProperty({ example: 'SIP/yamada' }) agent!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) userId!: string | null;
  @ApiProperty({ enum: PRESENCE_STATES }) state!: PresenceState;
  @ApiProperty(NULLABLE_TEXT) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ ...NULLABLE_INSTANT, description: 'null: still in this state' }) to!: string | null;
}

export class PresenceIntervalListResponseDto extends ListOf(PresenceIntervalDto) {}

export class AgentLinkResponseDto {
  @ApiProperty({ example: 'SIP/yamada' }) pbxAgent!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
}

export class AgentLinkListResponseDto extends ListOf(AgentLinkResponseDto) {}

export class ClosureResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ClosureListResponseDto extends ListOf(ClosureResponseDto) {}
