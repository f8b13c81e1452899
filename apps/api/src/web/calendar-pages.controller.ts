import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { addDays, CalendarService, civilDateOf, formatCivilDate, WEEKDAYS } from '@madoguchi/business-calendar';
import { Clock, DomainError, ValidationFailedError } from '@madoguchi/common';

import { RequireRole } from '../auth/auth.decorators';
import { AuthenticatedRequest, requestContextOf } from '../auth/auth-request';
import { calendarFormFields, calendarFromForm, errorsByFormField, formatIntervals } from './calendar-form';
import { translator } from './i18n';
import { PageResponder } from './page-responder';
import type { FieldErrors } from './web-form';

const PREVIEW_DAYS = 30;

/** Managers' pages for business calendars: the weekly grid, closures, and a 30-day preview. */
@ApiExcludeController()
@RequireRole('manager')
@Controller('calendars')
export class CalendarPagesController {
  constructor(
    private readonly pages: PageResponder,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.pages.render(request, reply, 'calendars', {
      calendars: await this.calendars.list(),
      form: {},
      errors: {},
    });
  }

  /** A new calendar starts as a copy of the support hours, then is edited like any other. */
  @Post()
  async create(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Body() body: Record<string, string | undefined>,
  ) {
    const template = await this.calendars.definition('support-hours');
    try {
      const created = await this.calendars.create(requestContextOf(request), {
        ...template,
        id: (body.id ?? '').trim(),
        name: (body.name ?? '').trim(),
      });
      return reply.redirect(`/calendars/${created.id}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationFailedError) && !(error instanceof DomainError && error.kind === 'conflict'))
        throw error;
      const errors =
        error instanceof ValidationFailedError ? errorsByFormField(error.fieldProblems) : { id: [error.message] };
      const calendars = await this.calendars.list();
      return this.pages.render(request, reply, 'calendars', { calendars, form: body, errors }, 400);
    }
  }

  @Get(':id')
  async edit(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    return this.renderEdit(request, reply, id, {});
  }

  @Post(':id')
  async save(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: Record<string, string | undefined>,
  ) {
    await this.calendars.definition(id); // 404 before reading the form
    const { definition, errors } = calendarFromForm(id, body);
    if (Object.keys(errors).length > 0) return this.renderEdit(request, reply, id, { form: body, errors }, 400);
    try {
      await this.calendars.update(requestContextOf(request), id, definition);
    } catch (error) {
      if (!(error instanceof ValidationFailedError)) throw error;
      return this.renderEdit(request, reply, id, { form: body, errors: errorsByFormField(error.fieldProblems) }, 400);
    }
    const notice = translator(this.pages.language(request))('calendar.saved');
    return this.renderEdit(request, reply, id, { notice });
  }

  private async renderEdit(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    id: string,
    extra: { form?: Record<string, unknown>; errors?: FieldErrors; notice?: string },
    status = 200,
  ) {
    const calendar = await this.calendars.calendar(id);
    const definition = calendar.definition;
    let date = civilDateOf(this.clock.now(), definition.timeZone);
    const preview = [];
    for (let n = 0; n < PREVIEW_DAYS; n += 1, date = addDays(date, 1)) {
      const hours = calendar.hoursOf(date);
      preview.push({ date: formatCivilDate(date), hours: formatIntervals(hours.intervals) || (hours.holiday ?? '—') });
    }
    return this.pages.render(
      request,
      reply,
      'calendar-edit',
      { calendar: definition, weekdays: WEEKDAYS, preview, form: calendarFormFields(definition), errors: {}, ...extra },
      status,
    );
  }
}
