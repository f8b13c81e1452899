import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
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
  PRESENCE_STATES,
  type PresenceState,
} from '@madoguchi/telephony';

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
  @Matches(/^[0-9+()\- ]{3,30}$/, { message: 'callerNumber may hold 3-30 digits, spaces, +, - and parentheses' })
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
export class TicketFromCallDto extends PickType(InquiryDto, [
  'name',
  'email',
  'company',
  'category',
  'subject',
] as const) {
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
