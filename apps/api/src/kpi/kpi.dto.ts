import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
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
  KPI_GROUPINGS,
  type KpiGrouping,
  REPORT_DIMENSIONS,
  type ReportDimension,
  TICKET_MEASURES,
  type TicketMeasure,
} from '@madoguchi/kpi';
import { CALL_OUTCOMES, type CallOutcome } from '@madoguchi/telephony';

import { ListOf } from '../http/list.dto';

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

  @ApiPropertyOptional({
    enum: REPORT_DIMENSIONS,
    description:
      'Adds groups by this dimension instead; `service`: service availability per service (the one figure services have)',
  })
  @IsOptional()
  @IsIn(REPORT_DIMENSIONS)
  dimension?: ReportDimension;

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
  @ApiPropertyOptional({ description: 'At least; the disclosure’s reference is 0.995' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  serviceAvailability?: number;
}

export class AvailabilityRulesDto {
  @ApiPropertyOptional({ example: 0.5, description: 'How much of a partial outage’s time counts as downtime' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  partialOutageWeight?: number;

  @ApiPropertyOptional({
    description: 'Whether emergency maintenance counts as downtime (otherwise it is taken out of provided time)',
  })
  @IsOptional()
  @IsBoolean()
  emergencyMaintenanceIsDowntime?: boolean;
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

  @ApiPropertyOptional({ type: AvailabilityRulesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AvailabilityRulesDto)
  availability?: AvailabilityRulesDto;

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

/** A rate or mean with what it was computed from; `value` is null when there is no denominator. */
export class FigureDto {
  @ApiProperty({ type: Number, nullable: true, example: 0.9512, description: 'A rate as a fraction (0.95 = 95 %)' })
  value!: number | null;
  @ApiProperty({ example: 1_170 }) numerator!: number;
  @ApiProperty({ example: 1_230 }) denominator!: number;
}

class CountDto {
  @ApiProperty() value!: number;
}

class ComplianceByChannelDto {
  @ApiProperty({ description: 'Calls answered within the answer target of those offered' }) phone!: FigureDto;
  @ApiProperty({ description: 'Web (and API) tickets answered by their first-response due time' }) web!: FigureDto;
  @ApiProperty() email!: FigureDto;
}

export class ComplianceFigureDto extends FigureDto {
  @ApiProperty({ description: 'The rate is the channels’ numerators over their denominators' })
  byChannel!: ComplianceByChannelDto;
}

class PercentilesDto {
  @ApiProperty({ type: Number, nullable: true }) medianSeconds!: number | null;
  @ApiProperty({ type: Number, nullable: true }) p90Seconds!: number | null;
  @ApiProperty({ description: 'How many values they were taken over' }) count!: number;
}

class KpiFiguresDto {
  @ApiProperty({
    type: FigureDto,
    nullable: true,
    description: 'Staffed open time over open time so far; null in a group by dimension (it has none)',
  })
  supportOperatingRate!: FigureDto | null;
  @ApiProperty() abandonmentRate!: FigureDto;
  @ApiProperty() responseTimeComplianceRate!: ComplianceFigureDto;
  @ApiProperty() completionWithinStandardTimeRate!: FigureDto;
  @ApiProperty({ description: 'Answered within the answer target, of those answered' }) serviceLevel!: FigureDto;
  @ApiProperty() averageSpeedOfAnswerSeconds!: FigureDto;
  @ApiProperty() averageHandleTimeSeconds!: FigureDto;
  @ApiProperty() abandonedCalls!: CountDto;
  @ApiProperty({ description: 'Including those that left within shortAbandonSeconds' })
  abandonedCallsIncludingShort!: CountDto;
  @ApiProperty() slaBreaches!: CountDto;
  @ApiProperty() reopenRate!: FigureDto;
  @ApiProperty({ description: 'Business time to first response' }) firstResponseBusinessSeconds!: PercentilesDto;
  @ApiProperty({ description: 'Business time to solution' }) resolutionBusinessSeconds!: PercentilesDto;
  @ApiProperty({
    type: FigureDto,
    nullable: true,
    description:
      'Service availability (稼働率): available over provided seconds, every service’s time added up; null in a group by a dimension other than service',
  })
  serviceAvailability!: FigureDto | null;
}

class ReportKpisDto extends KpiFiguresDto {
  @ApiProperty({ description: 'Tickets not solved at the end of the period' }) backlog!: CountDto;
  @ApiProperty({ description: 'Incidents detected in the period whose first notice went out within an hour' })
  incidentsNotifiedWithinHour!: FigureDto;
}

export class CallCountsDto {
  @ApiProperty() offered!: number;
  @ApiProperty() answered!: number;
  @ApiProperty() abandoned!: number;
  @ApiProperty() timeout!: number;
  @ApiProperty() shortAbandons!: number;
}

class KpiGroupDto {
  @ApiProperty({ description: 'The day, week or month start (YYYY-MM-DD), or the dimension’s value; (none) for none' })
  key!: string;
  @ApiProperty({ description: 'The name to show: a person’s or organization’s name, else the key' }) label!: string;
  @ApiProperty() kpis!: KpiFiguresDto;
  @ApiProperty() calls!: CallCountsDto;
}

class KpiTargetValuesDto {
  @ApiProperty() supportOperatingRate!: number;
  @ApiProperty({ description: 'At most' }) abandonmentRate!: number;
  @ApiProperty() responseTimeComplianceRate!: number;
  @ApiProperty() completionWithinStandardTimeRate!: number;
  @ApiProperty() serviceLevel!: number;
  @ApiProperty() serviceAvailability!: number;
}

class AvailabilityRuleValuesDto {
  @ApiProperty({ example: 0.5 }) partialOutageWeight!: number;
  @ApiProperty() emergencyMaintenanceIsDowntime!: boolean;
}

export class KpiDefinitionDto {
  @ApiProperty({ example: 'support-hours', description: 'Whose open time is the desk’s scheduled time' })
  calendarId!: string;
  @ApiProperty({ example: 20 }) answerTargetSeconds!: number;
  @ApiProperty({ example: 5 }) shortAbandonSeconds!: number;
  @ApiProperty({ enum: CALL_OUTCOMES, isArray: true }) abandonedOutcomes!: CallOutcome[];
  @ApiProperty() availability!: AvailabilityRuleValuesDto;
  @ApiProperty() targets!: KpiTargetValuesDto;
}

export class KpiReportResponseDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ example: 'Asia/Tokyo' }) timeZone!: string;
  @ApiProperty() definitionVersion!: number;
  @ApiProperty() definition!: KpiDefinitionDto;
  @ApiProperty() kpis!: ReportKpisDto;
  @ApiProperty() calls!: CallCountsDto;
  @ApiPropertyOptional({ enum: [...KPI_GROUPINGS, ...REPORT_DIMENSIONS], description: 'When grouped' })
  groupBy?: KpiGrouping | ReportDimension;
  @ApiPropertyOptional({ type: [KpiGroupDto], description: 'When grouped; they add up to the totals' })
  groups?: KpiGroupDto[];
}

class ServiceAvailabilityKpisDto {
  @ApiProperty() serviceAvailability!: FigureDto;
}

class ServiceGroupDto {
  @ApiProperty({ format: 'uuid', description: 'The service’s id' }) key!: string;
  @ApiProperty({ description: 'The service’s name' }) label!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Its English name, if it has one' })
  nameEn!: string | null;
  @ApiProperty() kpis!: ServiceAvailabilityKpisDto;
}

/** `dimension=service`: service availability per service, adding up to the total. */
export class KpiServiceReportResponseDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ example: 'Asia/Tokyo' }) timeZone!: string;
  @ApiProperty() definitionVersion!: number;
  @ApiProperty() definition!: KpiDefinitionDto;
  @ApiProperty() kpis!: ServiceAvailabilityKpisDto;
  @ApiProperty({ enum: ['service'] }) groupBy!: 'service';
  @ApiProperty({ type: [ServiceGroupDto] }) groups!: ServiceGroupDto[];
}

class KpiTicketDto {
  @ApiProperty({ format: 'uuid' }) ticketId!: string;
  @ApiProperty({ example: 'MD-2026-000301' }) number!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ example: 'web' }) channel!: string;
  @ApiProperty({ example: 'normal' }) priority!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) firstResponseDueAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) firstRespondedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolutionDueAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) solvedAt!: string | null;
  @ApiProperty({ description: 'Whether it met the target the figure counts' }) met!: boolean;
}

export class KpiTicketListResponseDto extends ListOf(KpiTicketDto) {}

export class KpiDefinitionVersionResponseDto {
  @ApiProperty() version!: number;
  @ApiProperty() definition!: KpiDefinitionDto;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class KpiDefinitionListResponseDto extends ListOf(KpiDefinitionVersionResponseDto, 'Newest first') {}

class WaitingDto {
  @ApiProperty() calls!: number;
  @ApiProperty({ type: Number, nullable: true }) longestWaitSeconds!: number | null;
}

class WallboardAgentDto {
  @ApiProperty({ example: 'SIP/yamada' }) agent!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) userId!: string | null;
  @ApiProperty({ enum: ['available', 'on-call', 'paused'] }) state!: 'available' | 'on-call' | 'paused';
  @ApiProperty() name!: string;
}

class WallboardAgentsDto {
  @ApiProperty() available!: number;
  @ApiProperty() onCall!: number;
  @ApiProperty() paused!: number;
  @ApiProperty({ type: [WallboardAgentDto] }) list!: WallboardAgentDto[];
}

class WallboardTargetsDto {
  @ApiProperty() abandonmentRate!: number;
  @ApiProperty() serviceLevel!: number;
}

class WallboardTodayDto {
  @ApiProperty() calls!: CallCountsDto;
  @ApiProperty() abandonmentRate!: FigureDto;
  @ApiProperty() serviceLevel!: FigureDto;
  @ApiProperty() averageSpeedOfAnswerSeconds!: FigureDto;
  @ApiProperty() targets!: WallboardTargetsDto;
  @ApiProperty() answerTargetSeconds!: number;
}

export class WallboardResponseDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() waiting!: WaitingDto;
  @ApiProperty() agents!: WallboardAgentsDto;
  @ApiProperty() today!: WallboardTodayDto;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The last event instant the PBX delivered: the board holds up to here',
  })
  pbxHorizon!: string | null;
}
