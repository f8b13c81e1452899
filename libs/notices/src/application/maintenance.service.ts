import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import { CalendarService, formatInZone } from '@madoguchi/business-calendar';
import { Clock, type RequestContext } from '@madoguchi/common';
import { type Transaction, UnitOfWork } from '@madoguchi/database';

import { optionalText } from '../domain/bilingual';
import { maintenanceViolations } from '../domain/notice-rules';
import {
  maintenanceCancelled,
  maintenanceFinished,
  maintenanceNotFound,
  maintenanceStarted,
  ruleBroken,
} from '../domain/notices.errors';
import type { MaintenanceEntity } from '../infrastructure/maintenance.entity';
import { MaintenanceRepository } from '../infrastructure/maintenance.repository';
import { MaintenanceNoticeService } from './maintenance-notice.service';
import { NoticeOutboxService } from './notice-outbox.service';
import { ServiceCatalogService } from './service-catalog.service';

export interface MaintenanceInput {
  title: string;
  /** For English readers; none: they read `title` (and `reason`). */
  titleEn?: string | null;
  serviceIds: string[];
  startsAt: Date;
  endsAt: Date;
  kind: 'planned' | 'emergency';
  reason?: string | null;
  reasonEn?: string | null;
  message: { ja: string; en?: string | null };
}

/**
 * Announcing maintenance, under the published rules (6 months' notice for planned work, a reason
 * for emergencies, never during support hours). Publication is the moment of announcement.
 */
@Injectable()
export class MaintenanceService {
  constructor(
    private readonly maintenances: MaintenanceRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly calendars: CalendarService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly notices: MaintenanceNoticeService,
    private readonly outbox: NoticeOutboxService,
    private readonly services: ServiceCatalogService,
  ) {}

  async announce(context: RequestContext, input: MaintenanceInput) {
    const publishedAt = this.clock.now();
    const support = await this.calendars.calendar('support-hours');
    const violations = maintenanceViolations(
      {
        startsAt: input.startsAt.getTime(),
        endsAt: input.endsAt.getTime(),
        kind: input.kind,
        reason: input.reason,
        publishedAt,
      },
      support,
    );
    if (violations.length > 0) throw ruleBroken(violations);
    const id = randomUUID();
    const { saved, noticeId } = await this.unitOfWork.run(async (transaction) => {
      const services = await this.services.named(transaction, input.serviceIds);
      const maintenance = await this.maintenances.insert(
        transaction,
        {
          id,
          title: input.title,
          titleEn: optionalText(input.titleEn),
          kind: input.kind,
          reason: optionalText(input.reason),
          reasonEn: optionalText(input.reasonEn),
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          messageJa: input.message.ja,
          messageEn: input.message.en ?? null,
          publishedAt: new Date(publishedAt),
          createdBy: context.actor!.userId,
        },
        services.map((service) => service.id),
      );
      await this.audit.record(transaction, context, {
        action: 'maintenance.announce',
        targetType: 'maintenance',
        targetId: id,
        summary: { kind: input.kind, startsAt: input.startsAt.toISOString(), endsAt: input.endsAt.toISOString() },
      });
      return { saved: maintenance, noticeId: await this.notices.announced(transaction, maintenance, publishedAt) };
    });
    await this.outbox.relayPromptly([noticeId]);
    return this.view(saved, input.serviceIds, support.definition.timeZone);
  }

  /** An update to the announced window's message, e-mailed to its subscribers (with the event, SEQUENCE raised). */
  async postUpdate(context: RequestContext, id: string, message: { ja: string; en?: string | null }) {
    return this.change(context, id, 'update', async (transaction, maintenance, now) => {
      const text = { ja: message.ja, en: message.en ?? null };
      await this.maintenances.changeWindow(transaction, id, { message: text, changedAt: new Date(now) });
      return this.notices.write(transaction, maintenance, 'update', text.ja, text.en, now);
    });
  }

  /**
   * Moves a window that has not started, re-checked against the rules as if announced now (planned
   * work needs its 6 months' notice from the day people learn the new time), with a message saying
   * why. Subscribers get an update with the new times and the event (higher SEQUENCE); reminders,
   * start and completion are rescheduled — a reminder already sent for the old time is sent again
   * for the new one.
   */
  async reschedule(
    context: RequestContext,
    id: string,
    input: { startsAt: Date; endsAt: Date; message: { ja: string; en?: string | null } },
  ) {
    const support = await this.calendars.calendar('support-hours');
    return this.change(context, id, 'reschedule', async (transaction, maintenance, now) => {
      if (maintenance.startsAt.getTime() <= now) throw maintenanceStarted();
      const window = { startsAt: input.startsAt.getTime(), endsAt: input.endsAt.getTime() };
      const violations = maintenanceViolations(
        { ...window, kind: maintenance.kind, reason: maintenance.reason ?? undefined, publishedAt: now },
        support,
      );
      if (violations.length > 0) throw ruleBroken(violations);
      const text = { ja: input.message.ja, en: input.message.en ?? null };
      const moved = { ...maintenance, startsAt: input.startsAt, endsAt: input.endsAt, changedAt: new Date(now) };
      await this.maintenances.changeWindow(transaction, id, {
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        changedAt: moved.changedAt,
      });
      await this.notices.rescheduled(transaction, moved, now);
      return {
        noticeId: await this.notices.write(transaction, moved, 'update', text.ja, text.en, now),
        summary: {
          before: { startsAt: maintenance.startsAt.toISOString(), endsAt: maintenance.endsAt.toISOString() },
          after: { startsAt: input.startsAt.toISOString(), endsAt: input.endsAt.toISOString() },
        },
      };
    });
  }

  /** Cancels the window: no reminders or start/completion notices follow; subscribers are told why. */
  async cancel(context: RequestContext, id: string, reason: { ja: string; en?: string | null }) {
    return this.change(context, id, 'cancel', async (transaction, maintenance, now) => {
      await this.maintenances.cancel(transaction, id, new Date(now), reason.ja);
      return this.notices.write(transaction, maintenance, 'cancellation', reason.ja, reason.en ?? null, now);
    });
  }

  async get(id: string) {
    const maintenance = await this.maintenances.find(undefined, id);
    if (!maintenance) throw maintenanceNotFound(id);
    const [serviceIds, noticeIds, schedule, zone] = await Promise.all([
      this.maintenances.serviceIds(undefined, [id]),
      this.maintenances.noticeIds(id),
      this.maintenances.schedule(id),
      this.calendars.timeZone('support-hours'),
    ]);
    return {
      ...this.view(maintenance, serviceIds.get(id)!, zone),
      schedule: schedule.map((entry) => ({
        kind: entry.kind,
        dueAt: formatInZone(entry.dueAt.getTime(), zone),
        sent: entry.sent,
        cancelled: entry.cancelled,
      })),
      delivery: await this.outbox.progress(noticeIds),
    };
  }

  /** A change to a live window in one transaction, audited: `apply` writes it and its notice (and may say more). */
  private async change(
    context: RequestContext,
    id: string,
    action: 'update' | 'cancel' | 'reschedule',
    apply: (
      transaction: Transaction,
      maintenance: MaintenanceEntity,
      now: number,
    ) => Promise<string | { noticeId: string; summary: Record<string, unknown> }>,
  ) {
    const now = this.clock.now();
    const noticeId = await this.unitOfWork.run(async (transaction) => {
      const maintenance = await this.maintenances.lockForChange(transaction, id);
      if (!maintenance) throw maintenanceNotFound(id);
      if (maintenance.cancelledAt) throw maintenanceCancelled();
      if (maintenance.endsAt.getTime() <= now) throw maintenanceFinished();
      const applied = await apply(transaction, maintenance, now);
      const written = typeof applied === 'string' ? { noticeId: applied, summary: {} } : applied;
      await this.audit.record(transaction, context, {
        action: `maintenance.${action}`,
        targetType: 'maintenance',
        targetId: id,
        summary: { noticeId: written.noticeId, ...written.summary },
      });
      return written.noticeId;
    });
    await this.outbox.relayPromptly([noticeId]);
    return this.get(id);
  }

  /** Announced windows ending after `from`, earliest first. */
  async list(from = new Date(this.clock.now())) {
    const windows = await this.maintenances.endingAfter(from);
    const [serviceIds, zone] = await Promise.all([
      this.maintenances.serviceIds(
        undefined,
        windows.map((window) => window.id),
      ),
      this.calendars.timeZone('support-hours'),
    ]);
    return windows.map((window) => this.view(window, serviceIds.get(window.id)!, zone));
  }

  private view(maintenance: MaintenanceEntity, serviceIds: string[], zone: string) {
    return {
      id: maintenance.id,
      title: maintenance.title,
      titleEn: maintenance.titleEn,
      kind: maintenance.kind,
      emergency: maintenance.kind === 'emergency',
      reason: maintenance.reason,
      reasonEn: maintenance.reasonEn,
      serviceIds,
      startsAt: formatInZone(maintenance.startsAt.getTime(), zone),
      endsAt: formatInZone(maintenance.endsAt.getTime(), zone),
      message: { ja: maintenance.messageJa, en: maintenance.messageEn },
      publishedAt: formatInZone(maintenance.publishedAt.getTime(), zone),
      cancelledAt: maintenance.cancelledAt ? formatInZone(maintenance.cancelledAt.getTime(), zone) : null,
      cancelReason: maintenance.cancelReason,
      changedAt: maintenance.changedAt ? formatInZone(maintenance.changedAt.getTime(), zone) : null,
    };
  }
}
