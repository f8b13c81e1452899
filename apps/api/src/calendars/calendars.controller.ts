import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';

import {
  type CalendarDefinition,
  CalendarService,
  formatDuration,
  formatInZone,
  WEEKDAYS,
} from '@madoguchi/business-calendar';
import type { RequestContext } from '@madoguchi/common';

import { Ctx, Public, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { MAX_INTERVAL_RANGE_MS, QueryReader } from './calendar-query';

const TIME_INTERVAL = {
  type: 'object',
  properties: { start: { type: 'string', example: '09:00' }, end: { type: 'string', example: '12:00' } },
};
const DEFINITION_SCHEMA = {
  type: 'object',
  required: ['id', 'name', 'timeZone', 'weekly', 'holidays'],
  properties: {
    id: { type: 'string', example: 'year-end-desk' },
    name: { type: 'string' },
    timeZone: { type: 'string', example: 'Asia/Tokyo' },
    weekly: {
      type: 'object',
      properties: Object.fromEntries(WEEKDAYS.map((day) => [day, { type: 'array', items: TIME_INTERVAL }])),
    },
    holidays: { type: 'string', enum: ['jp', 'none'] },
    closedDates: { type: 'array', items: { type: 'string', example: '2026-12-29' } },
    openDates: {
      type: 'array',
      items: {
        type: 'object',
        properties: { date: { type: 'string' }, intervals: { type: 'array', items: TIME_INTERVAL } },
      },
    },
  },
};

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

  @Get()
  @Public()
  @Endpoint({ summary: 'All business calendars' })
  async list() {
    return { items: await this.calendars.list() };
  }

  @Get(':id')
  @Public()
  @Endpoint({
    summary: 'One calendar: time zone, weekly hours, holidays, closures',
    errors: { 404: 'No such calendar' },
  })
  get(@Param('id') id: string) {
    return this.calendars.definition(id);
  }

  @Get(':id/business-time')
  @Public()
  @Endpoint({
    summary: 'Open time in [from, to): milliseconds and an ISO 8601 duration (negative when to < from)',
    errors: BAD_QUERY,
  })
  async businessTime(@Param('id') id: string, @Query() query: Record<string, unknown>) {
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

  @Get(':id/add-business-time')
  @Public()
  @Endpoint({
    summary: 'The earliest instant `duration` of open time after `from` (latest before it for a negative duration)',
    errors: BAD_QUERY,
  })
  async addBusinessTime(@Param('id') id: string, @Query() query: Record<string, unknown>) {
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

  @Get(':id/next-open')
  @Public()
  @Endpoint({
    summary: 'Whether it is open at `at`, and when it next opens (`at` itself when open)',
    errors: BAD_QUERY,
  })
  async nextOpen(@Param('id') id: string, @Query() query: Record<string, unknown>) {
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

  @Get(':id/open-intervals')
  @Public()
  @Endpoint({ summary: 'Open intervals in [from, to), at most 366 days', errors: BAD_QUERY })
  async openIntervals(@Param('id') id: string, @Query() query: Record<string, unknown>) {
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

  @Post()
  @RequireRole('manager')
  @ApiBody({ schema: DEFINITION_SCHEMA })
  @Endpoint({
    summary: 'Create a calendar (managers)',
    errors: { 400: 'Invalid definition, field by field', 409: 'Id taken' },
  })
  create(@Ctx() context: RequestContext, @Body() body: CalendarDefinition) {
    return this.calendars.create(context, body);
  }

  @Put(':id')
  @RequireRole('manager')
  @HttpCode(200)
  @ApiBody({ schema: DEFINITION_SCHEMA })
  @Endpoint({
    summary: 'Replace a calendar’s definition (managers)',
    errors: { 400: 'Invalid definition', 404: 'No such calendar' },
  })
  update(@Ctx() context: RequestContext, @Param('id') id: string, @Body() body: CalendarDefinition) {
    return this.calendars.update(context, id, body);
  }
}
