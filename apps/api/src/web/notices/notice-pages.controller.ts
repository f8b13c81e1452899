import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import { CalendarService, SUPPORT_HOURS } from '@madoguchi/business-calendar';
import { Clock, type RequestContext } from '@madoguchi/common';
import {
  INCIDENT_IMPACTS,
  INCIDENT_STATUSES,
  IncidentService,
  MaintenanceService,
  ServiceCatalogService,
  ServiceChangeService,
  STATUS_HISTORY_DAYS,
  SubscriberService,
} from '@madoguchi/notices';

import { Ctx, Public, RequireRole } from '../../auth/auth.decorators';
import { type Language, type MessageKey, translator } from '../../i18n/i18n';
import {
  IncidentDto,
  IncidentTitleDto,
  IncidentUpdateDto,
  MaintenanceDto,
  ServiceChangeDto,
} from '../../notices/notices.dto';
import { PublicStatus } from '../../notices/public-status';
import { type ConfirmationPage, confirmationStep, confirmed } from '../shared/confirmation';
import { Page, page, type PageResponse, ReaderLanguage, redirectTo } from '../shared/page';
import { SITE_ASSETS } from '../shared/site-assets';
import { type FormState, formValue, formValues, freshForm, localInstant, submitForm } from '../shared/web-form';
import {
  type IncidentPage,
  type IncidentsPage,
  type MaintenancePage,
  namesOf,
  type QuarantinePage,
  scheduledNoticeLabel,
  type StatusPage,
} from './notices.page-models';
import { StatusPageBody } from './status-page-body';

type FormBody = Record<string, string | string[] | undefined>;

/** The form's flat fields in the API's shape (instants read in the desk's zone), keeping the raw fields for showing the form again. */
function incidentForm(body: FormBody, zone: string) {
  return {
    ...body,
    title: formValue(body.title),
    titleEn: formValue(body.titleEn),
    serviceIds: formValues(body.serviceIds),
    impact: formValue(body.impact),
    status: formValue(body.status),
    detectedAtLocal: formValue(body.detectedAt),
    detectedAt: localInstant(formValue(body.detectedAt), zone),
    draft: body.draft === 'on',
    message: { ja: formValue(body.messageJa) ?? '', en: formValue(body.messageEn) || undefined },
  };
}

/**
 * The public status page; the desk's incident pages (list, report, publish, update) and maintenance
 * page (announce under the rules, cancel); admins' quarantine.
 */
@ApiExcludeController()
@Controller()
export class NoticePagesController {
  constructor(
    private readonly status: PublicStatus,
    private readonly statusBody: StatusPageBody,
    private readonly incidents: IncidentService,
    private readonly services: ServiceCatalogService,
    private readonly subscribers: SubscriberService,
    private readonly maintenances: MaintenanceService,
    private readonly serviceChanges: ServiceChangeService,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
  ) {}

  @Get('status')
  @Public()
  @Page('notices/status')
  async statusPage(@ReaderLanguage() language: Language): Promise<StatusPage> {
    const [snapshot, timeZone] = await Promise.all([this.status.snapshot(), this.deskZone()]);
    return {
      statusHtml: await this.statusBody.html(snapshot, { language, timeZone }),
      statusScript: SITE_ASSETS['status.js'].url,
    };
  }

  @Get('incidents')
  @RequireRole('agent')
  @Page('notices/incidents')
  list(): Promise<IncidentsPage> {
    return this.incidentsModel(freshForm());
  }

  @Post('incidents')
  @RequireRole('manager')
  @Page('notices/incidents')
  async create(
    @ReaderLanguage() language: Language,
    @Ctx() context: RequestContext,
    @Body() body: FormBody,
  ): Promise<PageResponse<IncidentsPage>> {
    return submitForm({
      dto: IncidentDto,
      language,
      body: incidentForm(body, await this.deskZone()),
      run: (value) =>
        this.incidents.create(context, {
          ...value,
          detectedAt: value.detectedAt ? new Date(value.detectedAt) : undefined,
        }),
      succeeded: (incident) => redirectTo(`/incidents/${incident.id}`),
      failed: async (failure) => page(await this.incidentsModel(failure), { status: 400 }),
    });
  }

  @Get('incidents/:id')
  @RequireRole('agent')
  @Page('notices/incident')
  detail(@Param('id', ParseUUIDPipe) id: string, @ReaderLanguage() language: Language): Promise<IncidentPage> {
    return this.incidentModel(id, freshForm(), language);
  }

  @Post('incidents/:id/publish')
  @RequireRole('manager')
  @Page()
  async publish(
    @Ctx() context: RequestContext,
    @ReaderLanguage() language: Language,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    if (!confirmed(body)) {
      const { title } = await this.incidents.get(id);
      return confirmationStep(translator(language), 'publishIncident', {
        action: `/incidents/${id}/publish`,
        back: `/incidents/${id}`,
        body,
        values: { title },
      });
    }
    await this.incidents.publish(context, id);
    return redirectTo(`/incidents/${id}`);
  }

  /** A published title is corrected only after a confirmation: the world has read it, and the page will say so. */
  @Post('incidents/:id/title')
  @RequireRole('manager')
  @Page('notices/incident')
  async correctTitle(
    @Ctx() context: RequestContext,
    @ReaderLanguage() language: Language,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    const incident = await this.incidents.get(id);
    const title = formValue(body.title) ?? '';
    if (incident.publishedAt && title.trim() !== '' && !confirmed(body))
      return confirmationStep(translator(language), 'correctIncidentTitle', {
        action: `/incidents/${id}/title`,
        back: `/incidents/${id}`,
        body,
        values: { title: incident.title, corrected: title.trim() },
      });
    return submitForm({
      dto: IncidentTitleDto,
      language,
      body: { title, titleEn: formValue(body.titleEn) },
      run: (value) => this.incidents.correctTitle(context, id, value),
      succeeded: () => redirectTo(`/incidents/${id}`),
      failed: async (failure) => page(await this.incidentModel(id, failure, language), { status: 400 }),
    });
  }

  @Post('incidents/:id/resend')
  @RequireRole('manager')
  @Page()
  async resend(@Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string) {
    await this.incidents.resendGivenUp(context, id);
    return redirectTo(`/incidents/${id}`);
  }

  @Post('incidents/:id/updates')
  @RequireRole('manager')
  @Page('notices/incident')
  async update(
    @ReaderLanguage() language: Language,
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ): Promise<PageResponse<IncidentPage | ConfirmationPage>> {
    const form = incidentForm(body, await this.deskZone());
    // Reopening a resolved incident e-mails everyone again: only once the manager has said so.
    const incident = await this.incidents.get(id);
    if (incident.status === 'resolved' && form.status && form.status !== 'resolved' && !confirmed(body)) {
      const t = translator(language);
      return confirmationStep(t, 'reopenIncident', {
        action: `/incidents/${id}/updates`,
        back: `/incidents/${id}`,
        body,
        values: { title: incident.title, status: t(`incident.status.${form.status}` as MessageKey) },
      });
    }
    return submitForm({
      dto: IncidentUpdateDto,
      language,
      body: { ...body, status: form.status, message: form.message },
      run: (value) => this.incidents.addUpdate(context, id, value),
      succeeded: () => redirectTo(`/incidents/${id}`),
      failed: async (failure) => page(await this.incidentModel(id, failure, language), { status: 400 }),
    });
  }

  @Get('maintenance')
  @RequireRole('agent')
  @Page('notices/maintenance')
  maintenancePage(@ReaderLanguage() language: Language): Promise<MaintenancePage> {
    return this.maintenanceModel(freshForm(), language);
  }

  @Post('maintenance')
  @RequireRole('manager')
  @Page('notices/maintenance')
  async announce(
    @Ctx() context: RequestContext,
    @ReaderLanguage() language: Language,
    @Body() body: FormBody,
  ): Promise<PageResponse<MaintenancePage>> {
    const zone = await this.deskZone();
    const form = {
      ...incidentForm(body, zone),
      startsAtLocal: formValue(body.startsAt),
      endsAtLocal: formValue(body.endsAt),
      startsAt: localInstant(formValue(body.startsAt), zone),
      endsAt: localInstant(formValue(body.endsAt), zone),
      kind: formValue(body.kind),
      reason: formValue(body.reason) || undefined,
      reasonEn: formValue(body.reasonEn),
    };
    return submitForm({
      dto: MaintenanceDto,
      language,
      body: form,
      run: (value) =>
        this.maintenances.announce(context, {
          ...value,
          startsAt: new Date(value.startsAt),
          endsAt: new Date(value.endsAt),
        }),
      succeeded: (window) => redirectTo(`/maintenance#maintenance-${window.id}`),
      failed: async (failure) => page(await this.maintenanceModel(failure, language), { status: 400 }),
    });
  }

  /** A service change or termination, under its rule (3 months' notice); e-mailed like a notice. */
  @Post('maintenance/service-changes')
  @RequireRole('manager')
  @Page('notices/maintenance')
  async announceServiceChange(
    @Ctx() context: RequestContext,
    @ReaderLanguage() language: Language,
    @Body() body: FormBody,
  ): Promise<PageResponse<MaintenancePage>> {
    const zone = await this.deskZone();
    return submitForm({
      dto: ServiceChangeDto,
      language,
      body: {
        title: formValue(body.changeTitle),
        titleEn: formValue(body.changeTitleEn),
        effectiveAt: localInstant(formValue(body.effectiveAt), zone),
        message: { ja: formValue(body.changeMessageJa) ?? '', en: formValue(body.changeMessageEn) || null },
      },
      run: (value) => this.serviceChanges.announce(context, { ...value, effectiveAt: new Date(value.effectiveAt) }),
      succeeded: () => redirectTo('/maintenance'),
      failed: async (failure) =>
        page(await this.maintenanceModel({ ...failure, form: body }, language, 'service-change'), { status: 400 }),
    });
  }

  @Post('maintenance/:id/cancel')
  @RequireRole('manager')
  @Page('notices/maintenance')
  async cancelMaintenance(
    @Ctx() context: RequestContext,
    @ReaderLanguage() language: Language,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ): Promise<PageResponse<MaintenancePage | ConfirmationPage>> {
    const reason = formValue(body.reason)?.trim();
    if (!reason) {
      const error = translator(language)('maintenance.cancelReasonRequired');
      return page(await this.maintenanceModel({ ...freshForm(), error }, language), { status: 400 });
    }
    if (!confirmed(body)) {
      const { title } = await this.maintenances.get(id);
      return confirmationStep(translator(language), 'cancelMaintenance', {
        action: `/maintenance/${id}/cancel`,
        back: `/maintenance#maintenance-${id}`,
        body,
        values: { title },
      });
    }
    await this.maintenances.cancel(context, id, { ja: reason });
    return redirectTo(`/maintenance#maintenance-${id}`);
  }

  @Get('admin/quarantine')
  @RequireRole('admin')
  @Page('notices/quarantine')
  async quarantine(): Promise<QuarantinePage> {
    return { entries: await this.subscribers.quarantined() };
  }

  @Post('admin/quarantine/release')
  @RequireRole('admin')
  @Page('notices/quarantine')
  async release(
    @Ctx() context: RequestContext,
    @ReaderLanguage() language: Language,
    @Body() body: FormBody,
  ): Promise<QuarantinePage> {
    const email = formValue(body.email) ?? '';
    await this.subscribers.release(context, email);
    const notice = translator(language)('quarantine.released', { email });
    return { entries: await this.subscribers.quarantined(), notice };
  }

  private deskZone(): Promise<string> {
    return this.calendars.timeZone(SUPPORT_HOURS.id);
  }

  private async maintenanceModel(
    state: FormState,
    language: Language,
    posted: MaintenancePage['posted'] = null,
  ): Promise<MaintenancePage> {
    const services = await this.services.list();
    const windows = await Promise.all(
      (await this.maintenances.list()).map((window) => this.maintenances.get(window.id)),
    );
    const t = translator(language);
    const kinds = new Set(windows.flatMap((window) => window.schedule.map((notice) => notice.kind)));
    return {
      windows,
      scheduleLabels: Object.fromEntries([...kinds].map((kind) => [kind, scheduledNoticeLabel(t, kind)])),
      services,
      serviceNames: namesOf(services, language),
      changes: await this.serviceChanges.list(),
      posted,
      ...state,
    };
  }

  private async incidentsModel(state: FormState): Promise<IncidentsPage> {
    const since = new Date(this.clock.now() - STATUS_HISTORY_DAYS * 86_400_000);
    return {
      incidents: await this.incidents.list({ since }),
      services: await this.services.list(),
      impacts: INCIDENT_IMPACTS,
      statuses: INCIDENT_STATUSES,
      ...state,
    };
  }

  private async incidentModel(id: string, state: FormState, language: Language): Promise<IncidentPage> {
    const services = await this.services.list();
    const incident = await this.incidents.get(id);
    return {
      incident,
      preview: incident.publishedAt ? null : await this.incidents.noticePreview(id),
      serviceNames: namesOf(services, language),
      statuses: INCIDENT_STATUSES,
      ...state,
    };
  }
}
