import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import { CalendarService, formatInZone } from '@madoguchi/business-calendar';
import { Clock, type RequestContext } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import { type Transaction, UnitOfWork } from '@madoguchi/database';
import { type MailLanguage, renderMail } from '@madoguchi/mail';

import { inLanguage, optionalText, serviceList } from '../domain/bilingual';
import {
  type IncidentImpact,
  type IncidentStatus,
  noticeDeadline,
  notifiedWithinDeadline,
  secondsToFirstNotice,
} from '../domain/incident';
import type { NoticeContent } from '../domain/notice-content';
import { detectedInFuture, incidentAlreadyPublished, incidentNotFound, nothingGivenUp } from '../domain/notices.errors';
import type { IncidentEntity, IncidentUpdateEntity } from '../infrastructure/incident.entity';
import { IncidentRepository } from '../infrastructure/incident.repository';
import type { ServiceEntity } from '../infrastructure/service.entity';
import { ServiceRepository } from '../infrastructure/service.repository';
import { formatNoticeTime, incidentNoticeTemplate } from '../templates/notice-mail.templates';
import { NoticeOutboxService, sumProgress } from './notice-outbox.service';
import { ServiceCatalogService } from './service-catalog.service';

export interface BilingualMessage {
  ja: string;
  en?: string | null;
}

export interface IncidentInput {
  title: string;
  /** For English readers; none: they read `title`. */
  titleEn?: string | null;
  serviceIds: string[];
  impact: IncidentImpact;
  status: IncidentStatus;
  message: BilingualMessage;
  detectedAt?: Date;
  draft?: boolean;
}

export interface IncidentUpdateInput {
  status: IncidentStatus;
  message: BilingualMessage;
  impact?: IncidentImpact;
}

/** Detection may be reported late, never ahead of the clock (a minute of skew is tolerated). */
const FUTURE_SKEW_MS = 60_000;

/**
 * Incidents and their updates. Publishing an update (the first one publishes the incident) writes
 * its notice to the outbox in the same transaction, to every subscriber of the affected services.
 */
@Injectable()
export class IncidentService {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly serviceRepository: ServiceRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: NoticeOutboxService,
    private readonly calendars: CalendarService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly services: ServiceCatalogService,
  ) {}

  async create(context: RequestContext, input: IncidentInput) {
    const now = this.clock.now();
    const detectedAt = input.detectedAt?.getTime() ?? now;
    if (detectedAt > now + FUTURE_SKEW_MS) throw detectedInFuture();
    const id = randomUUID();
    const noticeIds = await this.unitOfWork.run(async (transaction) => {
      const services = await this.services.named(transaction, input.serviceIds);
      const updateId = await this.insertIncident(transaction, context, {
        id,
        input,
        serviceIds: services.map((service) => service.id),
        detectedAt,
        now,
      });
      return input.draft ? [] : [await this.publishUpdate(transaction, context, id, updateId, now)];
    });
    await this.outbox.relayPromptly(noticeIds);
    return this.get(id);
  }

  /**
   * A draft incident a monitor opened, inside the caller's transaction: detected when the alert
   * started (so the 1-hour clock and its alarms run from real detection), a major outage under
   * investigation until a manager reads it and says otherwise. Its id.
   */
  async openDraftFromMonitoring(
    transaction: Transaction,
    context: RequestContext,
    alert: { serviceId: string; summary: string; detectedAt: number },
    now: number,
  ): Promise<string> {
    const id = randomUUID();
    const input: IncidentInput = {
      title: alert.summary.slice(0, 200),
      serviceIds: [alert.serviceId],
      impact: 'major-outage',
      status: 'investigating',
      message: {
        ja: `監視システムが異常を検知しました: ${alert.summary}`,
        en: `Monitoring detected a problem: ${alert.summary}`,
      },
      draft: true,
    };
    await this.insertIncident(transaction, context, {
      id,
      input,
      serviceIds: input.serviceIds,
      detectedAt: alert.detectedAt,
      now,
      source: 'monitoring',
    });
    return id;
  }

  /**
   * Moves an incident's detection earlier (an alert that started before the one that opened it),
   * and its notice deadline with it: the promise runs from the first detection.
   */
  async moveDetection(transaction: Transaction, context: RequestContext, id: string, detectedAt: number) {
    const incident = await this.lockOrFail(transaction, id);
    await this.incidents.change(transaction, id, {
      detectedAt: new Date(detectedAt),
      noticeDeadlineAt: new Date(noticeDeadline(detectedAt)),
    });
    await this.audit.record(transaction, context, {
      action: 'incident.detection-move',
      targetType: 'incident',
      targetId: id,
      summary: { before: incident.detectedAt.toISOString(), after: new Date(detectedAt).toISOString() },
    });
  }

  /** Publishes a draft incident: its unpublished updates go out, oldest first. */
  async publish(context: RequestContext, id: string) {
    const now = this.clock.now();
    const noticeIds = await this.unitOfWork.run(async (transaction) => {
      const incident = await this.lockOrFail(transaction, id);
      if (incident.publishedAt) throw incidentAlreadyPublished();
      const drafts = await this.incidents.draftUpdates(transaction, id);
      const ids: string[] = [];
      for (const draft of drafts) ids.push(await this.publishUpdate(transaction, context, id, draft.id, now));
      return ids;
    });
    await this.outbox.relayPromptly(noticeIds);
    return this.get(id);
  }

  /** A new update; on a published incident it is published (and e-mailed) at once. */
  async addUpdate(context: RequestContext, id: string, input: IncidentUpdateInput) {
    const now = this.clock.now();
    const noticeIds = await this.unitOfWork.run(async (transaction) => {
      const incident = await this.lockOrFail(transaction, id);
      await this.incidents.change(transaction, id, {
        status: input.status,
        ...(input.impact ? { impact: input.impact } : {}),
        resolvedAt: input.status === 'resolved' ? (incident.resolvedAt ?? new Date(now)) : null,
      });
      const updateId = await this.insertUpdate(transaction, context, id, input, input.impact ?? incident.impact, now);
      // A draft's updates are written down too: who changed what before anything went out.
      await this.audit.record(transaction, context, {
        action: 'incident.update.add',
        targetType: 'incident',
        targetId: id,
        summary: { updateId, status: input.status, impact: input.impact ?? null, draft: !incident.publishedAt },
      });
      return incident.publishedAt ? [await this.publishUpdate(transaction, context, id, updateId, now)] : [];
    });
    await this.outbox.relayPromptly(noticeIds);
    return this.get(id);
  }

  /**
   * Corrects the title (a typo, a wrong name). On a published incident the status page says it was
   * corrected, and when; no mail goes out for it — the next update's notice carries the new title.
   */
  async correctTitle(context: RequestContext, id: string, input: { title: string; titleEn?: string | null }) {
    const now = this.clock.now();
    await this.unitOfWork.run(async (transaction) => {
      const incident = await this.lockOrFail(transaction, id);
      const after = { title: input.title, titleEn: optionalText(input.titleEn) };
      if (after.title === incident.title && after.titleEn === incident.titleEn) return;
      await this.incidents.change(transaction, id, {
        ...after,
        ...(incident.publishedAt ? { titleCorrectedAt: new Date(now) } : {}),
      });
      await this.audit.record(transaction, context, {
        action: 'incident.title.correct',
        targetType: 'incident',
        targetId: id,
        summary: {
          before: { title: incident.title, titleEn: incident.titleEn },
          after,
          published: !!incident.publishedAt,
        },
      });
    });
    return this.get(id);
  }

  /**
   * Sends the incident's notices again to the recipients given up after the retry window (the mail
   * server was away longer than MAIL_GIVE_UP_HOURS): they are retried from now on, on a fresh window.
   */
  async resendGivenUp(context: RequestContext, id: string) {
    const noticeIds = await this.unitOfWork.run(async (transaction) => {
      await this.lockOrFail(transaction, id);
      const ids = await this.incidents.noticeIds(transaction, id);
      const resent = await this.outbox.resendGivenUp(transaction, ids);
      if (resent === 0) throw nothingGivenUp();
      await this.audit.record(transaction, context, {
        action: 'incident.resend',
        targetType: 'incident',
        targetId: id,
        summary: { recipients: resent },
      });
      return ids;
    });
    await this.outbox.relayPromptly(noticeIds, Date.now());
    return this.get(id);
  }

  async get(id: string) {
    const incident = await this.incidents.find(undefined, id);
    if (!incident) throw incidentNotFound(id);
    const [view] = await this.staffViews([incident]);
    return view!;
  }

  /** Incidents detected since `since`, newest first, with drafts and delivery counts (the desk). */
  async list(options: { since?: Date; openOnly?: boolean } = {}) {
    return this.staffViews(await this.incidents.list({ ...options, publishedOnly: false }));
  }

  /** Published incidents and their published updates only, without delivery figures (the status page). */
  async listPublished(since: Date) {
    return this.views(await this.incidents.list({ since, publishedOnly: true }), false);
  }

  /** Views with drafts and each incident's delivery counts (one query for all of them). */
  private async staffViews(incidents: IncidentEntity[]) {
    const views = await this.views(incidents, true);
    const [byNotice, alerts, zone] = await Promise.all([
      this.outbox.progressByNotice(views.flatMap((view) => view.noticeIds)),
      this.incidents.alertsOf(views.map((view) => view.id)),
      this.calendars.timeZone('support-hours'),
    ]);
    const at = (date: Date | null) => (date ? formatInZone(date.getTime(), zone) : null);
    return views.map(({ noticeIds, ...view }) => {
      const own = alerts.filter((alert) => alert.incidentId === view.id);
      return {
        ...view,
        draft: view.publishedAt === null,
        delivery: sumProgress(noticeIds, byNotice),
        monitoring: {
          alerts: own.map((alert) => ({
            fingerprint: alert.fingerprint,
            serviceId: alert.serviceId,
            summary: alert.summary,
            startsAt: at(alert.startsAt)!,
            endsAt: at(alert.endsAt),
          })),
          // Recovery as the monitor sees it: every alert of the incident resolved, at the last one's end.
          recoveredAt:
            own.length > 0 && own.every((alert) => alert.endsAt)
              ? at(new Date(Math.max(...own.map((alert) => alert.endsAt!.getTime()))))
              : null,
        },
      };
    });
  }

  private async views(incidents: IncidentEntity[], withDrafts: boolean) {
    if (incidents.length === 0) return [];
    const ids = incidents.map((incident) => incident.id);
    const zone = await this.calendars.timeZone('support-hours');
    const [serviceIds, updates] = await Promise.all([
      this.incidents.serviceIds(undefined, ids),
      this.incidents.updatesOf(ids),
    ]);
    const at = (date: Date | null) => (date ? formatInZone(date.getTime(), zone) : null);
    return incidents.map((incident) => {
      const own = updates.filter((u) => u.incidentId === incident.id && (withDrafts || u.publishedAt));
      const noticeIds = own.flatMap((update) => (update.noticeId ? [update.noticeId] : []));
      const publishedAt = incident.publishedAt?.getTime() ?? null;
      return {
        id: incident.id,
        title: incident.title,
        titleEn: incident.titleEn,
        titleCorrectedAt: at(incident.titleCorrectedAt),
        impact: incident.impact,
        status: incident.status,
        serviceIds: serviceIds.get(incident.id)!,
        detectedAt: at(incident.detectedAt)!,
        noticeDeadlineAt: at(incident.noticeDeadlineAt)!,
        publishedAt: at(incident.publishedAt),
        resolvedAt: at(incident.resolvedAt),
        secondsToFirstNotice: secondsToFirstNotice(incident.detectedAt.getTime(), publishedAt),
        notifiedWithinDeadline: notifiedWithinDeadline(incident.detectedAt.getTime(), publishedAt),
        updates: own.map((update) => ({
          id: update.id,
          status: update.status,
          impact: update.impact,
          message: { ja: update.messageJa, en: update.messageEn },
          createdAt: at(update.createdAt)!,
          publishedAt: at(update.publishedAt),
        })),
        noticeIds,
      };
    });
  }

  /** The incident row, its first update and its `incident.create` audit entry; the update's id. */
  private async insertIncident(
    transaction: Transaction,
    context: RequestContext,
    incident: {
      id: string;
      input: IncidentInput;
      serviceIds: string[];
      detectedAt: number;
      now: number;
      source?: 'monitoring';
    },
  ): Promise<string> {
    const { id, input, detectedAt, now } = incident;
    await this.incidents.insert(
      transaction,
      {
        id,
        title: input.title,
        titleEn: optionalText(input.titleEn),
        titleCorrectedAt: null,
        impact: input.impact,
        status: input.status,
        detectedAt: new Date(detectedAt),
        noticeDeadlineAt: new Date(noticeDeadline(detectedAt)),
        publishedAt: null,
        resolvedAt: input.status === 'resolved' ? new Date(now) : null,
        createdBy: context.actor?.userId ?? null,
        createdAt: new Date(now),
      },
      incident.serviceIds,
    );
    const updateId = await this.insertUpdate(transaction, context, id, input, input.impact, now);
    await this.audit.record(transaction, context, {
      action: 'incident.create',
      targetType: 'incident',
      targetId: id,
      summary: {
        title: input.title,
        impact: input.impact,
        draft: input.draft === true,
        ...(incident.source ? { source: incident.source } : {}),
      },
    });
    return updateId;
  }

  private async insertUpdate(
    transaction: Transaction,
    context: RequestContext,
    incidentId: string,
    input: IncidentUpdateInput,
    impact: IncidentImpact,
    now: number,
  ): Promise<string> {
    const id = randomUUID();
    await this.incidents.insertUpdate(transaction, {
      id,
      incidentId,
      status: input.status,
      impact,
      messageJa: input.message.ja,
      messageEn: input.message.en?.trim() || null,
      createdAt: new Date(now),
      createdBy: context.actor?.userId ?? null,
      publishedAt: null,
      noticeId: null,
    });
    return id;
  }

  /**
   * What publishing the draft would send, read in one transaction: each unpublished update's mail in
   * both languages, and how many addresses it would go to now.
   */
  async noticePreview(id: string) {
    return this.unitOfWork.run(async (transaction) => {
      const incident = await this.incidents.find(transaction, id);
      if (!incident) throw incidentNotFound(id);
      const { serviceIds, services, zone } = await this.noticeSetting(transaction, id);
      const drafts = await this.incidents.draftUpdates(transaction, id);
      const notices = drafts.map((update) => {
        const content = this.noticeContent(incident, update, services, zone);
        const mail = (language: MailLanguage) => ({ subject: content[language].subject, text: content[language].text });
        return { updateId: update.id, status: update.status, ja: mail('ja'), en: mail('en') };
      });
      return { recipients: await this.outbox.countRecipients(transaction, { serviceIds }), notices };
    });
  }

  /** The incident's services (its own links: no input to validate, unlike `services.named`) and the desk's zone. */
  private async noticeSetting(transaction: Transaction, incidentId: string) {
    const serviceIds = (await this.incidents.serviceIds(transaction, [incidentId])).get(incidentId)!;
    const services = await this.serviceRepository.withIds(transaction, serviceIds);
    return { serviceIds, services, zone: await this.calendars.timeZone('support-hours', transaction) };
  }

  /** Marks an update published and writes its notice; the first one publishes the incident. */
  private async publishUpdate(
    transaction: Transaction,
    context: RequestContext,
    incidentId: string,
    updateId: string,
    now: number,
  ): Promise<string> {
    const incident = (await this.incidents.find(transaction, incidentId))!;
    const update = (await this.incidents.findUpdate(transaction, updateId))!;
    const { serviceIds, services, zone } = await this.noticeSetting(transaction, incidentId);
    const content = this.noticeContent(incident, update, services, zone);
    const noticeId = await this.outbox.write(
      transaction,
      { kind: 'incident-update', subjectType: 'incident', subjectId: incidentId, content, audience: { serviceIds } },
      now,
    );
    await this.incidents.markUpdatePublished(transaction, updateId, new Date(now), noticeId);
    if (!incident.publishedAt) await this.incidents.change(transaction, incidentId, { publishedAt: new Date(now) });
    await this.audit.record(transaction, context, {
      action: incident.publishedAt ? 'incident.update.publish' : 'incident.publish',
      targetType: 'incident',
      targetId: incidentId,
      summary: { updateId, noticeId, status: update.status },
    });
    return noticeId;
  }

  private noticeContent(
    incident: IncidentEntity,
    update: IncidentUpdateEntity,
    services: ServiceEntity[],
    zone: string,
  ): NoticeContent {
    const render = (language: MailLanguage) =>
      renderMail(incidentNoticeTemplate, language, {
        title: inLanguage(language, incident.title, incident.titleEn),
        status: update.status,
        message: inLanguage(language, update.messageJa, update.messageEn),
        services: serviceList(language, services),
        detectedAt: formatNoticeTime(incident.detectedAt.getTime(), zone, language),
        statusUrl: new URL('/status', this.config.PUBLIC_BASE_URL).toString(),
      });
    return { ja: render('ja'), en: render('en') };
  }

  private async lockOrFail(transaction: Transaction, id: string): Promise<IncidentEntity> {
    const incident = await this.incidents.lockForChange(transaction, id);
    if (!incident) throw incidentNotFound(id);
    return incident;
  }
}
