import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import {
  addDays,
  CalendarService,
  civilDateOf,
  formatCivilDate,
  SUPPORT_HOURS,
  WEEKDAYS,
} from '@madoguchi/business-calendar';
import { Clock, DomainError, type RequestContext, ValidationFailedError } from '@madoguchi/common';

import { Ctx, RequireRole } from '../../auth/auth.decorators';
import { type Language, translator } from '../../i18n/i18n';
import { problemText } from '../../i18n/problem-text';
import { Page, page, type PageResponse, ReaderLanguage, redirectTo } from '../shared/page';
import type { FormState } from '../shared/web-form';
import type { CalendarEditPage, CalendarsPage } from './admin.page-models';
import {
  calendarFormFields,
  calendarFromForm,
  errorsByFormField,
  formatIntervals,
  weeklySlotCount,
} from './calendar-form';

const PREVIEW_DAYS = 30;

/** Managers' pages for business calendars: the weekly grid, closures, and a 30-day preview. */
@ApiExcludeController()
@RequireRole('manager')
@Controller('calendars')
export class CalendarPagesController {
  constructor(
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Page('admin/calendars')
  async list(): Promise<CalendarsPage> {
    return { calendars: await this.calendars.list(), form: {}, errors: {} };
  }

  /** A new calendar starts as a copy of the support hours, then is edited like any other. */
  @Post()
  @Page('admin/calendars')
  async create(
    @ReaderLanguage() language: Language,
    @Ctx() context: RequestContext,
    @Body() body: Record<string, string | undefined>,
  ): Promise<PageResponse<CalendarsPage>> {
    const template = await this.calendars.definition(SUPPORT_HOURS.id);
    try {
      const created = await this.calendars.create(context, {
        ...template,
        id: (body.id ?? '').trim(),
        name: (body.name ?? '').trim(),
      });
      return redirectTo(`/calendars/${created.id}`);
    } catch (error) {
      if (!(error instanceof ValidationFailedError) && !(error instanceof DomainError && error.kind === 'conflict'))
        throw error;
      const errors =
        error instanceof ValidationFailedError
          ? errorsByFormField(error.fieldProblems, language)
          : { id: [problemText(error, language, null) ?? error.message] };
      return page({ calendars: await this.calendars.list(), form: body, errors }, { status: 400 });
    }
  }

  @Get(':id')
  @Page('admin/calendar-edit')
  edit(@Param('id') id: string, @ReaderLanguage() language: Language): Promise<CalendarEditPage> {
    return this.editModel(id, {}, language);
  }

  @Post(':id')
  @Page('admin/calendar-edit')
  async save(
    @Ctx() context: RequestContext,
    @ReaderLanguage() language: Language,
    @Param('id') id: string,
    @Body() body: Record<string, string | undefined>,
  ): Promise<PageResponse<CalendarEditPage>> {
    await this.calendars.definition(id); // 404 before reading the form
    const { definition, errors } = calendarFromForm(id, body, language);
    if (Object.keys(errors).length > 0) {
      return page(await this.editModel(id, { form: body, errors }, language), { status: 400 });
    }
    try {
      await this.calendars.update(context, id, definition);
    } catch (error) {
      if (!(error instanceof ValidationFailedError)) throw error;
      const state = { form: body, errors: errorsByFormField(error.fieldProblems, language) };
      return page(await this.editModel(id, state, language), { status: 400 });
    }
    return this.editModel(id, { notice: translator(language)('calendar.saved') }, language);
  }

  private async editModel(id: string, state: Partial<FormState>, language: Language): Promise<CalendarEditPage> {
    const closed = translator(language)('hours.closedDay');
    const calendar = await this.calendars.calendar(id);
    const definition = calendar.definition;
    let date = civilDateOf(this.clock.now(), definition.timeZone);
    const preview = [];
    for (let n = 0; n < PREVIEW_DAYS; n += 1, date = addDays(date, 1)) {
      const hours = calendar.hoursOf(date);
      preview.push({
        date: formatCivilDate(date),
        hours: formatIntervals(hours.intervals) || (hours.holiday ?? closed),
      });
    }
    const form = state.form ?? calendarFormFields(definition);
    return {
      calendar: definition,
      weekdays: WEEKDAYS,
      preview,
      errors: {},
      ...state,
      form,
      slots: weeklySlotCount(form),
    };
  }
}
