import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';

import { ListOf } from '../http/list.dto';
import { CallCountsDto, ComplianceFigureDto, FigureDto, KpiDefinitionDto } from './kpi.dto';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class PublishDisclosureDto {
  @ApiProperty({ example: '2026-10' })
  @Matches(MONTH, { context: { rule: 'month' } })
  month!: string;

  @ApiPropertyOptional({ description: 'Show it on the public /disclosures page', default: false })
  @IsOptional()
  @IsBoolean()
  public?: boolean;
}

export class DisclosureVisibilityDto {
  @ApiProperty()
  @IsBoolean()
  public!: boolean;
}

export class PdfQueryDto {
  @ApiPropertyOptional({ enum: ['ja', 'en'], default: 'ja' })
  @IsOptional()
  @IsIn(['ja', 'en'])
  lang?: 'ja' | 'en';
}

class PublishedKpisDto {
  @ApiProperty({ type: FigureDto, nullable: true }) supportOperatingRate!: FigureDto | null;
  @ApiProperty({ type: FigureDto, nullable: true }) abandonmentRate!: FigureDto | null;
  @ApiProperty() responseTimeComplianceRate!: ComplianceFigureDto;
  @ApiProperty({ type: FigureDto, nullable: true }) completionWithinStandardTimeRate!: FigureDto | null;
}

class LocalizedTextDto {
  @ApiProperty({ example: '平日 9:00〜12:00、13:00〜17:00' }) ja!: string;
  @ApiProperty({ example: 'Weekdays 9:00–12:00, 13:00–17:00' }) en!: string;
}

class SupportHoursDto {
  @ApiProperty() weekly!: LocalizedTextDto;
  @ApiProperty() openDays!: number;
  @ApiProperty() openHours!: number;
  @ApiProperty({ type: [String], description: 'Weekdays of the month the desk did not open (YYYY-MM-DD)' })
  closedWeekdays!: string[];
}

class ServiceAvailabilityRowDto {
  @ApiProperty({ example: '管理コンソール' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Admin console' }) nameEn!: string | null;
  @ApiProperty({ description: 'Available over provided seconds' }) figure!: FigureDto;
}

class DisclosureAvailabilityDto {
  @ApiProperty({ description: 'Available over provided seconds, every service’s time added up' }) total!: FigureDto;
  @ApiProperty({ type: [ServiceAvailabilityRowDto] }) services!: ServiceAvailabilityRowDto[];
}

/** Everything a month's report shows, computed once; a published report keeps it as it was. */
export class DisclosureSnapshotDto {
  @ApiProperty({ example: '2026-10' }) month!: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'COMPANY_NAME; absent from reports published before it existed',
  })
  companyName?: string | null;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ example: 'Asia/Tokyo' }) timeZone!: string;
  @ApiProperty() definitionVersion!: number;
  @ApiProperty() definition!: KpiDefinitionDto;
  @ApiProperty({ description: 'The four published KPIs' }) kpis!: PublishedKpisDto;
  @ApiProperty() calls!: CallCountsDto;
  @ApiProperty() supportHours!: SupportHoursDto;
  @ApiProperty({ description: 'Incidents detected in the month whose first notice went out within an hour' })
  incidentNotices!: FigureDto;
  @ApiPropertyOptional({
    description:
      'Service availability (稼働率), as the disclosure computes it; absent from reports published before it was measured',
  })
  serviceAvailability?: DisclosureAvailabilityDto;
  @ApiProperty({ format: 'date-time' }) computedAt!: string;
}

export class PublishedDisclosureResponseDto extends DisclosureSnapshotDto {
  @ApiProperty({ description: 'Shown on the public /disclosures page' }) public!: boolean;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
}

export class DisclosureReportResponseDto extends DisclosureSnapshotDto {
  @ApiProperty({ description: 'false: a live preview, computed now' }) published!: boolean;
  @ApiPropertyOptional({ description: 'When published' }) public?: boolean;
  @ApiPropertyOptional({ format: 'date-time', description: 'When published' }) publishedAt?: string;
}

class DisclosureSummaryDto {
  @ApiProperty({ example: '2026-10' }) month!: string;
  @ApiProperty() public!: boolean;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty() definitionVersion!: number;
}

export class DisclosureListResponseDto extends ListOf(DisclosureSummaryDto, 'Newest first') {}

class PublicDisclosureDto extends DisclosureSnapshotDto {
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
}

export class PublicDisclosureListResponseDto extends ListOf(PublicDisclosureDto, 'Newest first') {}
