import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

import {
  KPI_DIMENSIONS,
  KPI_GROUPINGS,
  type KpiDimension,
  type KpiGrouping,
  TICKET_MEASURES,
  type TicketMeasure,
} from '@madoguchi/kpi';
import { CALL_OUTCOMES, type CallOutcome } from '@madoguchi/telephony';

const ISO = { strict: true, strictSeparator: true };

/** A period: `from` inclusive, `to` exclusive, ISO 8601 with an offset. */
export class KpiPeriodDto {
  @ApiProperty({ example: '2026-11-01T00:00:00+09:00' })
  @IsISO8601(ISO)
  from!: string;

  @ApiProperty({ example: '2026-12-01T00:00:00+09:00', description: 'Exclusive' })
  @IsISO8601(ISO)
  to!: string;
}

export class KpiQueryDto extends KpiPeriodDto {
  @ApiPropertyOptional({ enum: KPI_GROUPINGS, description: 'Adds groups by period start (in the calendar’s zone)' })
  @IsOptional()
  @IsIn(KPI_GROUPINGS)
  groupBy?: KpiGrouping;

  @ApiPropertyOptional({ enum: KPI_DIMENSIONS, description: 'Adds groups by this dimension instead' })
  @IsOptional()
  @IsIn(KPI_DIMENSIONS)
  dimension?: KpiDimension;

  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    description: 'csv: the same figures as CSV, as a download (also chosen by Accept: text/csv)',
  })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  @ApiPropertyOptional({ description: 'Definition version to use (the latest by default)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class KpiTargetsDto {
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(1) supportOperatingRate?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(1) abandonmentRate?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(1) responseTimeComplianceRate?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(1) completionWithinStandardTimeRate?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(1) serviceLevel?: number;
}

export class ReviseKpiDefinitionDto {
  @ApiPropertyOptional({ example: 20 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3600)
  answerTargetSeconds?: number;

  @ApiPropertyOptional({ example: 5 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3600)
  shortAbandonSeconds?: number;

  @ApiPropertyOptional({ enum: CALL_OUTCOMES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(CALL_OUTCOMES, { each: true })
  abandonedOutcomes?: CallOutcome[];

  @ApiPropertyOptional({ type: KpiTargetsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => KpiTargetsDto)
  targets?: KpiTargetsDto;

  @ApiPropertyOptional({ example: '応答目標を 20 秒に変更' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class KpiTicketsQueryDto extends KpiPeriodDto {
  @ApiProperty({
    enum: TICKET_MEASURES,
    description:
      '`first-response`: web/e-mail tickets whose first response fell due in the period (response-time compliance); `resolution`: tickets solved in the period (completion within standard time)',
  })
  @IsIn(TICKET_MEASURES)
  measure!: TicketMeasure;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only the tickets that met (or missed) the target' })
  @IsOptional()
  @IsIn(['true', 'false'])
  met?: 'true' | 'false';
}
