import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';

import { type CalendarDefinition, CalendarService, formatDuration, formatInZone } from '@madoguchi/business-calendar';
import type { RequestContext } from '@madoguchi/common';

import { Ctx, Public, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import {
  AddBusinessTimeResponseDto,
  BusinessTimeResponseDto,
  CalendarDefinitionDto,
  CalendarInputDto,
  CalendarListResponseDto,
  NextOpenResponseDto,
  OpenIntervalsResponseDto,
} from './calendar.dto';
import { MAX_INTERVAL_RANGE_MS, QueryReader } from './calendar-query';

const BAD_QUERY = {
  400: 'A parameter is missing or malformed (named in errors)',
  404: 'No such calendar',
  422: 'Outside the holiday data (1970–2050 for jp)',
};

/** Support hours are public information: reading and computing need no sign-in; changes need a manager. */
@ApiTags('calendars')
@Controller('api/v1/calendars')
export class CalendarsController {
  constructor(private readonly calendars: CalendarService) {}

  @Endpoint({ response: CalendarListResponseDto, summary: 'All business calendars' })
  @Get()
  @Public()
  async list(): Promise<CalendarListResponseDto> {
    return { items: await this.calendars.list() };
  }

  @Endpoint({
    response: CalendarDefinitionDto,
    summary: 'One calendar: time zone, weekly hours, holidays, closures',
    errors: { 404: 'No such calendar' },
  })
  @Get(':id')
  @Public()
  get(@Param('id') id: string): Promise<CalendarDefinitionDto> {
    return this.calendars.definition(id);
  }

  @Endpoint({
    response: BusinessTimeResponseDto,
    summary: 'Open time in [from, to): milliseconds and an ISO 8601 duration (negative when to < from)',
    errors: BAD_QUERY,
  })
  @Get(':id/business-time')
  @Public()
  async businessTime(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<BusinessTimeResponseDto> {
    const read = new QueryReader(query);
    const from = read.instant('from');
    const to = read.instant('to');
    read.done();
    const calendar = await this.calendars.calendar(id);
    const milliseconds = calendar.businessTimeBetween(from, to);
    const zone = calendar.definition.timeZone;
    return {
      from: formatInZone(from, zone),
      to: formatInZone(to, zone),
      milliseconds,
      duration: formatDuration(milliseconds),
    };
  }

  @Endpoint({
    response: AddBusinessTimeResponseDto,
    summary: 'The earliest instant `duration` of open time after `from` (latest before it for a negative duration)',
    errors: BAD_QUERY,
  })
  @Get(':id/add-business-time')
  @Public()
  async addBusinessTime(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<AddBusinessTimeResponseDto> {
    const read = new QueryReader(query);
    const from = read.instant('from');
    const duration = read.duration('duration');
    read.done();
    const calendar = await this.calendars.calendar(id);
    const zone = calendar.definition.timeZone;
    return {
      from: formatInZone(from, zone),
      duration: formatDuration(duration),
      at: formatInZone(calendar.addBusinessTime(from, duration), zone),
    };
  }

  @Endpoint({
    response: NextOpenResponseDto,
    summary: 'Whether it is open at `at`, and when it next opens (`at` itself when open)',
    errors: BAD_QUERY,
  })
  @Get(':id/next-open')
  @Public()
  async nextOpen(@Param('id') id: string, @Query() query: Record<string, unknown>): Promise<NextOpenResponseDto> {
    const read = new QueryReader(query);
    const at = read.instant('at');
    read.done();
    const calendar = await this.calendars.calendar(id);
    const opensAt = calendar.nextOpen(at);
    return {
      at: opensAt === null ? null : formatInZone(opensAt, calendar.definition.timeZone),
      openNow: calendar.isOpen(at),
    };
  }

  @Endpoint({
    response: OpenIntervalsResponseDto,
    summary: 'Open intervals in [from, to), at most 366 days',
    errors: BAD_QUERY,
  })
  @Get(':id/open-intervals')
  @Public()
  async openIntervals(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<OpenIntervalsResponseDto> {
    const read = new QueryReader(query);
    const from = read.instant('from');
    const to = read.instant('to');
    if (to <= from) read.problem('to', 'to must be after from');
    else if (to - from > MAX_INTERVAL_RANGE_MS) read.problem('to', 'the range may span at most 366 days');
    read.done();
    const calendar = await this.calendars.calendar(id);
    const zone = calendar.definition.timeZone;
    return {
      intervals: calendar.openIntervals(from, to).map((interval) => ({
        start: formatInZone(interval.start, zone),
        end: formatInZone(interval.end, zone),
      })),
    };
  }

  @Endpoint({
    response: CalendarDefinitionDto,
    summary: 'Create a calendar (managers)',
    errors: { 400: 'Invalid definition, field by field', 409: 'Id taken' },
  })
  @Post()
  @RequireRole('manager')
  @ApiBody({ type: CalendarInputDto })
  create(@Ctx() context: RequestContext, @Body() body: CalendarDefinition): Promise<CalendarDefinitionDto> {
    return this.calendars.create(context, body);
  }

  @Endpoint({
    response: CalendarDefinitionDto,
    summary: 'Replace a calendar’s definition (managers)',
    errors: { 400: 'Invalid definition', 404: 'No such calendar' },
  })
  @Put(':id')
  @RequireRole('manager')
  @HttpCode(200)
  @ApiBody({ type: CalendarInputDto })
  update(
    @Ctx() context: RequestContext,
    @Param('id') id: string,
    @Body() body: CalendarDefinition,
  ): Promise<CalendarDefinitionDto> {
    return this.calendars.update(context, id, body);
  }
}
