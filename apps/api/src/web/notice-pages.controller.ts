import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { DomainError } from '@madoguchi/common';
import {
  INCIDENT_IMPACTS,
  INCIDENT_STATUSES,
  IncidentService,
  MaintenanceService,
  ServiceCatalogService,
  ServiceChangeService,
  STATUS_HISTORY_DAYS,
  StatusPageService,
  SubscriberService,
} from '@madoguchi/notices';

import { Public, RequireRole } from '../auth/auth.decorators';
import { AuthenticatedRequest, requestContextOf } from '../auth/auth-request';
import { IncidentDto, IncidentUpdateDto } from '../notices/notices.dto';
import { MaintenanceDto } from '../notices/notices.dto';
import { isMessageKey, type Language, translator } from './i18n';
import { PageResponder } from './page-responder';
import { FormFailure, localInstant, submitForm } from './web-form';

type FormBody = Record<string, string | string[] | undefined>;

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** A broken notice rule, told in the reader's language with its figures (the API keeps them as fields). */
function localizedRuleViolation(error: unknown, language: Language): unknown {
  const key = error instanceof DomainError ? `rule.${error.code}` : '';
  if (!(error instanceof DomainError) || error.kind !== 'rule-violation' || !isMessageKey(key)) return error;
  const values = Object.fromEntries(Object.entries(error.details).map(([name, value]) => [name, String(value)]));
  return new DomainError(error.code, translator(language)(key, values), error.kind, error.details);
}

/** The form's flat fields in the API's shape, keeping the raw fields for showing the form again. */
function incidentForm(body: FormBody) {
  return {
    ...body,
    title: single(body.title),
    serviceIds: ([] as string[]).concat(body.serviceIds ?? []),
    impact: single(body.impact),
    status: single(body.status),
    detectedAt: localInstant(single(body.detectedAt)),
    draft: body.draft === 'on',
    message: { ja: single(body.messageJa) ?? '', en: single(body.messageEn) || undefined },
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
    private readonly pages: PageResponder,
    private readonly status: StatusPageService,
    private readonly incidents: IncidentService,
    private readonly services: ServiceCatalogService,
    private readonly subscribers: SubscriberService,
    private readonly maintenances: MaintenanceService,
    private readonly serviceChanges: ServiceChangeService,
  ) {}

  @Get('status')
  @Public()
  async statusPage(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const status = await this.status.current();
    return this.pages.render(request, reply, 'status', {
      status,
      serviceNames: Object.fromEntries(status.services.map((service) => [service.id, service.name])),
      days: STATUS_HISTORY_DAYS,
    });
  }

  @Get('incidents')
  @RequireRole('agent')
  list(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.renderList(request, reply, { form: {}, errors: {} });
  }

  @Post('incidents')
  @RequireRole('manager')
  create(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    return submitForm({
      dto: IncidentDto,
      body: incidentForm(body),
      run: (value) =>
        this.incidents.create(requestContextOf(request), {
          ...value,
          detectedAt: value.detectedAt ? new Date(value.detectedAt) : undefined,
        }),
      succeeded: (incident) => reply.redirect(`/incidents/${incident.id}`, 303),
      failed: (failure) => this.renderList(request, reply, failure, 400),
    });
  }

  @Get('incidents/:id')
  @RequireRole('agent')
  detail(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Param('id', ParseUUIDPipe) id: string) {
    return this.renderDetail(request, reply, id, { form: {}, errors: {} });
  }

  @Post('incidents/:id/publish')
  @RequireRole('manager')
  async publish(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    await this.incidents.publish(requestContextOf(request), id);
    return reply.redirect(`/incidents/${id}`, 303);
  }

  @Post('incidents/:id/resend')
  @RequireRole('manager')
  async resend(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    await this.incidents.resendGivenUp(requestContextOf(request), id);
    return reply.redirect(`/incidents/${id}`, 303);
  }

  @Post('incidents/:id/updates')
  @RequireRole('manager')
  update(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    const form = incidentForm(body);
    return submitForm({
      dto: IncidentUpdateDto,
      body: { ...body, status: form.status, message: form.message },
      run: (value) => this.incidents.addUpdate(requestContextOf(request), id, value),
      succeeded: () => reply.redirect(`/incidents/${id}`, 303),
      failed: (failure) => this.renderDetail(request, reply, id, failure, 400),
    });
  }

  @Get('maintenance')
  @RequireRole('agent')
  maintenancePage(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.renderMaintenance(request, reply, { form: {}, errors: {} });
  }

  @Post('maintenance')
  @RequireRole('manager')
  announce(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    const form = {
      ...incidentForm(body),
      startsAtLocal: single(body.startsAt),
      endsAtLocal: single(body.endsAt),
      startsAt: localInstant(single(body.startsAt)),
      endsAt: localInstant(single(body.endsAt)),
      kind: single(body.kind),
      reason: single(body.reason) || undefined,
    };
    return submitForm({
      dto: MaintenanceDto,
      body: form,
      run: (value) =>
        this.maintenances
          .announce(requestContextOf(request), {
            ...value,
            startsAt: new Date(value.startsAt),
            endsAt: new Date(value.endsAt),
          })
          .catch((error: unknown) => {
            throw localizedRuleViolation(error, this.pages.language(request));
          }),
      succeeded: (window) => reply.redirect(`/maintenance#maintenance-${window.id}`, 303),
      failed: (failure) => this.renderMaintenance(request, reply, failure, 400),
    });
  }

  @Post('maintenance/:id/cancel')
  @RequireRole('manager')
  async cancelMaintenance(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    const reason = single(body.reason)?.trim();
    if (!reason)
      return this.renderMaintenance(
        request,
        reply,
        { form: {}, errors: {}, error: translator(this.pages.language(request))('maintenance.cancelReasonRequired') },
        400,
      );
    await this.maintenances.cancel(requestContextOf(request), id, { ja: reason });
    return reply.redirect(`/maintenance#maintenance-${id}`, 303);
  }

  @Get('admin/quarantine')
  @RequireRole('admin')
  async quarantine(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.pages.render(request, reply, 'quarantine', { entries: await this.subscribers.quarantined() });
  }

  @Post('admin/quarantine/release')
  @RequireRole('admin')
  async release(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    const email = single(body.email) ?? '';
    await this.subscribers.release(requestContextOf(request), email);
    return this.pages.render(request, reply, 'quarantine', {
      entries: await this.subscribers.quarantined(),
      notice: translator(this.pages.language(request))('quarantine.released', { email }),
    });
  }

  private async renderMaintenance(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    failure: FormFailure,
    status = 200,
  ) {
    const services = await this.services.list();
    const windows = await Promise.all(
      (await this.maintenances.list()).map((window) => this.maintenances.get(window.id)),
    );
    return this.pages.render(
      request,
      reply,
      'maintenance',
      {
        windows,
        services,
        serviceNames: Object.fromEntries(services.map((service) => [service.id, service.name])),
        changes: await this.serviceChanges.list(),
        ...failure,
      },
      status,
    );
  }

  private async renderList(request: AuthenticatedRequest, reply: FastifyReply, failure: FormFailure, status = 200) {
    return this.pages.render(
      request,
      reply,
      'incidents',
      {
        incidents: await this.incidents.list({ since: new Date(Date.now() - STATUS_HISTORY_DAYS * 86_400_000) }),
        services: await this.services.list(),
        impacts: INCIDENT_IMPACTS,
        statuses: INCIDENT_STATUSES,
        ...failure,
      },
      status,
    );
  }

  private async renderDetail(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    id: string,
    failure: FormFailure,
    status = 200,
  ) {
    const services = await this.services.list();
    return this.pages.render(
      request,
      reply,
      'incident',
      {
        incident: await this.incidents.get(id),
        serviceNames: Object.fromEntries(services.map((service) => [service.id, service.name])),
        statuses: INCIDENT_STATUSES,
        ...failure,
      },
      status,
    );
  }
}
