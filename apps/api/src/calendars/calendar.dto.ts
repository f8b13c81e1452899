import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions, OmitType } from '@nestjs/swagger';

import { type CalendarDefinition, type HolidayRule, type TimeInterval, WEEKDAYS } from '@madoguchi/business-calendar';

import { ListOf } from '../http/list.dto';

class TimeIntervalDto implements TimeInterval {
  @ApiProperty({ example: '09:00', description: 'Local HH:MM, open from here' }) start!: string;
  @ApiProperty({ example: '12:00', description: 'Local HH:MM (24:00 allowed), closed from here' }) end!: string;
}

const INTERVALS: ApiPropertyOptions = { type: [TimeIntervalDto] };

class WeeklyHoursDto implements Record<(typeof WEEKDAYS)[number], TimeInterval[]> {
  @ApiProperty(INTERVALS) sunday!: TimeInterval[];
  @ApiProperty(INTERVALS) monday!: TimeInterval[];
  @ApiProperty(INTERVALS) tuesday!: TimeInterval[];
  @ApiProperty(INTERVALS) wednesday!: TimeInterval[];
  @ApiProperty(INTERVALS) thursday!: TimeInterval[];
  @ApiProperty(INTERVALS) friday!: TimeInterval[];
  @ApiProperty(INTERVALS) saturday!: TimeInterval[];
}

class OpenDateDto {
  @ApiProperty({ example: '2026-12-26' }) date!: string;
  @ApiProperty(INTERVALS) intervals!: TimeInterval[];
}

/** A calendar as the API carries it; the business-calendar domain validates it (field by field). */
export class CalendarDefinitionDto implements CalendarDefinition {
  @ApiProperty({ example: 'year-end-desk' }) id!: string;
  @ApiProperty({ example: '年末年始窓口' }) name!: string;
  @ApiProperty({ example: 'Asia/Tokyo', description: 'IANA time zone' }) timeZone!: string;
  @ApiProperty() weekly!: WeeklyHoursDto;
  @ApiProperty({ enum: ['jp', 'none'], description: 'jp: closed on Japanese public holidays' }) holidays!: HolidayRule;
  @ApiProperty({ type: [String], example: ['2026-12-29'], description: 'Local dates with no open time' })
  closedDates!: string[];
  @ApiProperty({ type: [OpenDateDto], description: 'Dates open with their own hours, even on a holiday' })
  openDates!: OpenDateDto[];
}

/** What a manager sends: closures and special openings may be left out. */
export class CalendarInputDto extends OmitType(CalendarDefinitionDto, ['closedDates', 'openDates'] as const) {
  @ApiPropertyOptional({ type: [String], example: ['2026-12-29'] }) closedDates?: string[];
  @ApiPropertyOptional({ type: [OpenDateDto] }) openDates?: OpenDateDto[];
}

export class CalendarListResponseDto extends ListOf(CalendarDefinitionDto) {}

export class BusinessTimeResponseDto {
  @ApiProperty({ example: '2026-12-01T09:00:00+09:00', description: 'In the calendar’s zone' }) from!: string;
  @ApiProperty({ example: '2026-12-02T09:00:00+09:00' }) to!: string;
  @ApiProperty({ example: 25_200_000, description: 'Negative when to < from' }) milliseconds!: number;
  @ApiProperty({ example: 'PT7H', description: 'ISO 8601' }) duration!: string;
}

export class AddBusinessTimeResponseDto {
  @ApiProperty({ example: '2026-12-01T16:00:00+09:00' }) from!: string;
  @ApiProperty({ example: 'PT4H' }) duration!: string;
  @ApiProperty({ example: '2026-12-02T11:00:00+09:00' }) at!: string;
}

export class NextOpenResponseDto {
  @ApiProperty({ type: String, nullable: true, description: 'null: never opens again within the holiday data' })
  at!: string | null;
  @ApiProperty() openNow!: boolean;
}

class OpenIntervalDto {
  @ApiProperty({ example: '2026-12-01T09:00:00+09:00' }) start!: string;
  @ApiProperty({ example: '2026-12-01T12:00:00+09:00' }) end!: string;
}

export class OpenIntervalsResponseDto {
  @ApiProperty({ type: [OpenIntervalDto] }) intervals!: OpenIntervalDto[];
}
