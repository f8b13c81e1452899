import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import {
  type CalendarDefinition,
  CalendarService,
  formatDurationForPeople,
  minuteOfDay,
  SUPPORT_HOURS,
  WEEKDAYS,
} from '@madoguchi/business-calendar';
import type { Principal, RequestContext } from '@madoguchi/common';
import { OrganizationService } from '@madoguchi/identity';
import { INQUIRY_CATEGORIES, SlaPolicyService, TICKET_CHANNELS, TICKET_PRIORITIES } from '@madoguchi/tickets';

import { Ctx, RequireRole } from '../../auth/auth.decorators';
import { type Language, translator } from '../../i18n/i18n';
import { SlaPolicyDto, toSlaPolicyInput } from '../../tickets/sla-policy.dto';
import { Page, page, type PageResponse, ReaderLanguage, redirectTo, Viewer } from '../shared/page';
import { type FormFailure, type FormState, submitForm } from '../shared/web-form';
import type { SlaPoliciesPage } from './admin.page-models';

type FormBody = Record<string, string | undefined>;

/** A target entered as hours and minutes of business time, as the API's ISO 8601 duration; empty stays absent. */
function durationOf(hours: string | undefined, minutes: string | undefined): string | undefined {
  if (!hours && !minutes) return undefined;
  const [h, m] = [Number(hours || 0), Number(minutes || 0)];
  // Not a duration: the DTO refuses it, and the page says how to write it.
  if (!Number.isInteger(h) || !Number.isInteger(m) || h < 0 || m < 0 || m > 59) return 'invalid';
  return `PT${h}H${m}M`;
}

/** The form's flat fields as the API's policy body. */
function policyForm(body: FormBody) {
  const conditions = Object.fromEntries(
    ['priority', 'category', 'channel', 'organizationId']
      .filter((name) => body[name])
      .map((name) => [name, body[name]]),
  );
  return {
    name: body.name,
    position: body.position === undefined || body.position === '' ? undefined : Number(body.position),
    conditions,
    calendarId: body.calendarId,
    firstResponseTarget: durationOf(body.firstResponseTargetHours, body.firstResponseTargetMinutes),
    resolutionTarget: durationOf(body.resolutionTargetHours, body.resolutionTargetMinutes),
  };
}

/** The hours and minutes fields of a target, to fill the form with. */
function targetFields(name: 'firstResponseTarget' | 'resolutionTarget', ms: number) {
  const minutes = Math.round(ms / 60_000);
  return { [`${name}Hours`]: String(Math.floor(minutes / 60)), [`${name}Minutes`]: String(minutes % 60) };
}

/** Managers' page for SLA policies: the list in the order they are tried, a form to add one, and one to edit each. */
@ApiExcludeController()
@RequireRole('manager')
@Controller('sla-policies')
export class SlaPolicyPagesController {
  constructor(
    private readonly policies: SlaPolicyService,
    private readonly calendars: CalendarService,
    private readonly organizations: OrganizationService,
  ) {}

  @Get()
  @Page('admin/sla-policies')
  list(@Viewer() viewer: Principal, @ReaderLanguage() language: Language): Promise<SlaPoliciesPage> {
    return this.model(viewer, language, {});
  }

  @Post()
  @Page('admin/sla-policies')
  create(
    @Viewer() viewer: Principal,
    @ReaderLanguage() language: Language,
    @Ctx() context: RequestContext,
    @Body() body: FormBody,
  ): Promise<PageResponse<SlaPoliciesPage>> {
    return submitForm({
      dto: SlaPolicyDto,
      language,
      body: policyForm(body),
      run: (value) => this.policies.create(context, toSlaPolicyInput(value)),
      succeeded: () => redirectTo('/sla-policies'),
      failed: async (failure) =>
        page(await this.model(viewer, language, refused(failure, body, language)), { status: 400 }),
    });
  }

  @Get(':id')
  @Page('admin/sla-policy-edit')
  edit(
    @Viewer() viewer: Principal,
    @ReaderLanguage() language: Language,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SlaPoliciesPage> {
    return this.model(viewer, language, {}, id);
  }

  @Post(':id')
  @Page('admin/sla-policy-edit')
  update(
    @Viewer() viewer: Principal,
    @ReaderLanguage() language: Language,
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ): Promise<PageResponse<SlaPoliciesPage>> {
    return submitForm({
      dto: SlaPolicyDto,
      language,
      body: policyForm(body),
      run: (value) => this.policies.update(context, id, toSlaPolicyInput(value)),
      succeeded: () => redirectTo('/sla-policies'),
      failed: async (failure) =>
        page(await this.model(viewer, language, refused(failure, body, language), id), { status: 400 }),
    });
  }

  /** The list, or (with `editing`) one policy's form filled in with its current values. */
  private async model(
    viewer: Principal,
    language: Language,
    state: Partial<FormState>,
    editing?: string,
  ): Promise<SlaPoliciesPage> {
    const calendars = await this.calendars.list();
    const calendarNames = new Map(calendars.map((calendar) => [calendar.id, calendar.name]));
    const policies = (await this.policies.list()).map((p) => ({
      ...p,
      calendarName: calendarNames.get(p.calendarId) ?? p.calendarId,
      firstResponseLabel: formatDurationForPeople(p.firstResponseMs, language),
      resolutionLabel: formatDurationForPeople(p.resolutionMs, language),
    }));
    const policy = editing ? policies.find((p) => p.id === editing) : undefined;
    if (editing && !policy) throw new NotFoundException(`No SLA policy ${editing}.`);
    // The few organizations policies name, by name (never by id on the page).
    const organizationIds = [...new Set(policies.flatMap((p) => p.conditions.organizationId ?? []))];
    const organizationNames = Object.fromEntries(
      await Promise.all(
        organizationIds.map(async (id) => [
          id,
          (await this.organizations.get(viewer, id).catch(() => null))?.name ?? '—',
        ]),
      ),
    );
    return {
      policies,
      policy,
      calendars,
      organizationNames,
      businessDays: calendars.map((calendar) => businessDay(calendar, language)),
      options: { priority: TICKET_PRIORITIES, category: INQUIRY_CATEGORIES, channel: TICKET_CHANNELS },
      form: policy
        ? {
            ...policy.conditions,
            name: policy.name,
            calendarId: policy.calendarId,
            position: String(policy.position),
            ...targetFields('firstResponseTarget', policy.firstResponseMs),
            ...targetFields('resolutionTarget', policy.resolutionMs),
          }
        : // A new policy counts in the support desk's hours unless the manager picks another calendar.
          { calendarId: SUPPORT_HOURS.id },
      errors: {},
      ...state,
    };
  }
}

/** A refused form shown again: a target the API could not read is told as the hours and minutes it was entered in. */
function refused(failure: FormFailure, body: FormBody, language: Language): FormFailure {
  const errors = { ...failure.errors };
  for (const target of ['firstResponseTarget', 'resolutionTarget'])
    if (errors[target]) errors[target] = [translator(language)('sla.durationInvalid')];
  return { ...failure, form: body, errors };
}

/** What one business day is in a calendar: its most usual open hours per day, and on which weekdays. */
function businessDay(calendar: CalendarDefinition, language: Language) {
  const t = translator(language);
  const open = WEEKDAYS.map((day) => ({
    day,
    minutes: calendar.weekly[day].reduce((sum, hours) => sum + minuteOfDay(hours.end) - minuteOfDay(hours.start), 0),
  })).filter((entry) => entry.minutes > 0);
  const daysWith = (minutes: number) => open.filter((entry) => entry.minutes === minutes);
  const usual = open.reduce(
    (best, entry) => (daysWith(entry.minutes).length > daysWith(best).length ? entry.minutes : best),
    0,
  );
  return {
    calendar: calendar.name,
    hours: formatDurationForPeople(usual * 60_000, language),
    days: daysWith(usual)
      .map((entry) => t(`weekday.${entry.day}`))
      .join(language === 'ja' ? '・' : ', '),
  };
}
