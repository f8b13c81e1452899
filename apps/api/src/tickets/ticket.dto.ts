import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Equals,
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
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketPriority,
  type TicketStatus,
} from '@madoguchi/tickets';

import { Trim } from '../http/trim.decorator';

const SINGLE_LINE = /^[^\r\n]*$/;

export class InquiryDto {
  @ApiProperty({ example: '山田 花子' })
  @Trim()
  @IsString()
  @Length(1, 100)
  @Matches(SINGLE_LINE, { message: 'name must be a single line' })
  name!: string;

  @ApiPropertyOptional({ example: '株式会社さくら商事' })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(SINGLE_LINE, { message: 'company must be a single line' })
  company?: string;

  @ApiProperty({ example: 'yamada@sakura.example.jp' })
  @Trim()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ example: '03-1234-5678' })
  @Trim()
  @IsOptional()
  @Matches(/^[0-9+()\- ]{6,30}$/, { message: 'phone may hold 6-30 digits, spaces, +, - and parentheses' })
  phone?: string;

  @ApiPropertyOptional({ enum: INQUIRY_CATEGORIES })
  @IsOptional()
  @IsIn(INQUIRY_CATEGORIES)
  category?: string;

  @ApiProperty({ example: 'ログインできません' })
  @Trim()
  @IsString()
  @Length(1, 200)
  @Matches(SINGLE_LINE, { message: 'subject must be a single line' })
  subject!: string;

  @ApiProperty({ example: '本日朝からログインできません。' })
  @IsString()
  @Length(1, 20_000)
  body!: string;

  @ApiProperty({ description: 'Agreement to the privacy notice; must be true' })
  @Equals(true, { message: 'consent to the privacy notice is required' })
  consent!: boolean;

  @ApiPropertyOptional({ enum: ['ja', 'en'], description: 'Language of our answers (default ja)' })
  @IsOptional()
  @IsIn(['ja', 'en'])
  language?: 'ja' | 'en';

  @ApiPropertyOptional({ description: 'Leave empty (spam trap)' })
  @IsOptional()
  @ValidateIf((_o, value) => value !== '')
  @MaxLength(0, { message: 'website must be left empty' })
  website?: string;
}

export class TicketListQueryDto {
  @ApiPropertyOptional({ description: 'Comma-separated statuses', example: 'new,open' })
  @IsOptional()
  @Matches(new RegExp(`^(${TICKET_STATUSES.join('|')})(,(${TICKET_STATUSES.join('|')}))*$`), {
    message: `status must be a comma-separated list of ${TICKET_STATUSES.join(', ')}`,
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

  @ApiPropertyOptional({ description: 'Text in the subject, requester or messages (Japanese works: substring match)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({
    enum: ['created', 'due'],
    default: 'created',
    description: 'due: most urgent first (no cursor)',
  })
  @IsOptional()
  @IsIn(['created', 'due'])
  sort?: 'created' | 'due';

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
  @IsBoolean()
  internal?: boolean;
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
}
