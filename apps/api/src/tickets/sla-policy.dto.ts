import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

import { formatDuration, parseDuration } from '@madoguchi/business-calendar';
import { type SlaPolicy, type SlaPolicyInput, TICKET_CHANNELS, TICKET_PRIORITIES } from '@madoguchi/tickets';

import { ListOf } from '../http/list.dto';

const POSITIVE_DURATION = /^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

class SlaConditionsDto {
  @ApiPropertyOptional({ enum: TICKET_CHANNELS })
  @IsOptional()
  @IsIn(TICKET_CHANNELS)
  channel?: string;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES })
  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  category?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class SlaPolicyDto {
  @ApiProperty({ example: 'VIP 電話' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: 'Lower positions are tried first', example: 20 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  position!: number;

  @ApiProperty({ type: SlaConditionsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SlaConditionsDto)
  conditions!: SlaConditionsDto;

  @ApiProperty({ example: 'support-hours' })
  @IsString()
  @MaxLength(50)
  calendarId!: string;

  @ApiProperty({ example: 'PT4H', description: 'Business time, ISO 8601' })
  @Matches(POSITIVE_DURATION, { context: { rule: 'duration' } })
  firstResponseTarget!: string;

  @ApiProperty({ example: 'PT21H', description: 'Business time, ISO 8601' })
  @Matches(POSITIVE_DURATION, { context: { rule: 'duration' } })
  resolutionTarget!: string;
}

export function toSlaPolicyInput(dto: SlaPolicyDto): SlaPolicyInput {
  return {
    name: dto.name,
    position: dto.position,
    conditions: { ...dto.conditions },
    calendarId: dto.calendarId,
    firstResponseMs: parseDuration(dto.firstResponseTarget)!,
    resolutionMs: parseDuration(dto.resolutionTarget)!,
  };
}

export function slaPolicyView(policy: SlaPolicy): SlaPolicyResponseDto {
  const { firstResponseMs, resolutionMs, ...rest } = policy;
  return {
    ...rest,
    firstResponseTarget: formatDuration(firstResponseMs),
    resolutionTarget: formatDuration(resolutionMs),
  };
}

export class SlaPolicyResponseDto extends SlaPolicyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class SlaPolicyListResponseDto extends ListOf(SlaPolicyResponseDto, 'In the order they are tried') {}
