import { Injectable, Logger } from '@nestjs/common';

import { CalendarService } from '@madoguchi/business-calendar';
import { Clock } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import { type Transaction, UnitOfWork } from '@madoguchi/database';
import { type MailLanguage, renderMail } from '@madoguchi/mail';

import { inLanguage, serviceList } from '../domain/bilingual';
import { changeSequence, maintenanceCalendar } from '../domain/feeds';
import { maintenanceSchedule, parseReminderOffsets } from '../domain/maintenance-schedule';
import type { NoticeContent } from '../domain/notice-content';
import type { MaintenanceEntity } from '../infrastructure/maintenance.entity';
import { MaintenanceRepository } from '../infrastructure/maintenance.repository';
import type { ServiceEntity } from '../infrastructure/service.entity';
import { ServiceRepository } from '../infrastructure/service.repository';
import {
  formatNoticeTime,
  type MaintenanceNoticeKind,
  maintenanceNoticeTemplate,
} from '../templates/notice-mail.templates';
import { NoticeOutboxService } from './notice-outbox.service';

/** Due schedule rows handled per transaction by one scan. */
const DUE_PER_SCAN = 20;

/**
 * The e-mail a maintenance window owes: the announcement (with an .ics), reminders, start and
 * completion (stored schedules, sent by the periodic scan once each), updates and cancellation.
 */
@Injectable()
export class MaintenanceNoticeService {
  private readonly logger = new Logger(MaintenanceNoticeService.name);

  constructor(
    private readonly maintenances: MaintenanceRepository,
    private readonly services: ServiceRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: NoticeOutboxService,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Inside the announcing transaction: the announcement notice and the schedule of later ones. */
  async announced(transaction: Transaction, maintenance: MaintenanceEntity, now: number): Promise<string> {
    await this.maintenances.insertSchedule(
      transaction,
      maintenance.id,
      await this.scheduleOf(transaction, maintenance, now),
    );
    return this.write(transaction, maintenance, 'announcement', maintenance.messageJa, maintenance.messageEn, now);
  }

  /** Inside the moving transaction: the schedule of later notices for the window's new times. */
  async rescheduled(transaction: Transaction, maintenance: MaintenanceEntity, now: number): Promise<void> {
    await this.maintenances.replaceSchedule(
      transaction,
      maintenance.id,
      await this.scheduleOf(transaction, maintenance, now),
    );
  }

  /** Inside a transaction: a notice of `kind` about the window, to its services' subscribers. */
  async write(
    transaction: Transaction,
    maintenance: MaintenanceEntity,
    kind: MaintenanceNoticeKind,
    messageJa: string,
    messageEn: string | null,
    now: number,
  ): Promise<string> {
    const serviceIds = (await this.maintenances.serviceIds(transaction, [maintenance.id])).get(maintenance.id)!;
    const services = await this.services.withIds(transaction, serviceIds);
    const zone = await this.calendars.timeZone('support-hours', transaction);
    const content = this.content(maintenance, kind, services, { ja: messageJa, en: messageEn }, now, zone);
    return this.outbox.write(
      transaction,
      {
        kind: `maintenance-${kind}`,
        subjectType: 'maintenance',
        subjectId: maintenance.id,
        content,
        audience: { serviceIds },
      },
      now,
    );
  }

  /** The reminders still ahead of `now`, the start and the completion of the window's times. */
  private async scheduleOf(transaction: Transaction, maintenance: MaintenanceEntity, now: number) {
    return maintenanceSchedule(
      { startsAt: maintenance.startsAt.getTime(), endsAt: maintenance.endsAt.getTime(), publishedAt: now },
      parseReminderOffsets(this.config.MAINTENANCE_REMINDERS),
      await this.calendars.timeZone('support-hours', transaction),
    );
  }

  /** Sends every scheduled notice that fell due; each row is taken once (locked, then stamped). */
  async sendDue(now = this.clock.now()): Promise<number> {
    let sent = 0;
    for (;;) {
      const noticeIds = await this.unitOfWork.run(async (transaction) => {
        const due = await this.maintenances.lockDue(transaction, new Date(now), DUE_PER_SCAN);
        const ids: string[] = [];
        for (const row of due) {
          const maintenance = (await this.maintenances.find(transaction, row.maintenanceId))!;
          const kind: MaintenanceNoticeKind = row.kind.startsWith('reminder-')
            ? 'reminder'
            : (row.kind as MaintenanceNoticeKind);
          const noticeId = await this.write(
            transaction,
            maintenance,
            kind,
            maintenance.messageJa,
            maintenance.messageEn,
            now,
          );
          await this.maintenances.markScheduleWritten(transaction, row.maintenanceId, row.kind, noticeId);
          ids.push(noticeId);
        }
        return ids;
      });
      await this.outbox.relayPromptly(noticeIds);
      sent += noticeIds.length;
      if (noticeIds.length < DUE_PER_SCAN) break;
    }
    if (sent > 0) this.logger.log({ notices: sent }, 'scheduled maintenance notices sent');
    return sent;
  }

  private content(
    maintenance: MaintenanceEntity,
    kind: MaintenanceNoticeKind,
    services: ServiceEntity[],
    message: { ja: string; en: string | null },
    now: number,
    zone: string,
  ): NoticeContent {
    const statusUrl = new URL('/status', this.config.PUBLIC_BASE_URL).toString();
    const render = (language: MailLanguage) =>
      renderMail(maintenanceNoticeTemplate, language, {
        notice: kind,
        title: inLanguage(language, maintenance.title, maintenance.titleEn),
        emergency: maintenance.kind === 'emergency',
        reason: maintenance.reason && inLanguage(language, maintenance.reason, maintenance.reasonEn),
        startsAt: formatNoticeTime(maintenance.startsAt.getTime(), zone, language),
        endsAt: formatNoticeTime(maintenance.endsAt.getTime(), zone, language),
        services: serviceList(language, services),
        message: inLanguage(language, message.ja, message.en),
        statusUrl,
      });
    // The announcement, an update and a cancellation carry the window as an event; reminders need not.
    const withCalendar = kind === 'announcement' || kind === 'update' || kind === 'cancellation';
    return {
      ja: render('ja'),
      en: render('en'),
      ...(withCalendar
        ? { attachments: [this.calendarAttachment(maintenance, kind, message.ja, statusUrl, now)] }
        : {}),
    };
  }

  private calendarAttachment(
    maintenance: MaintenanceEntity,
    kind: MaintenanceNoticeKind,
    description: string,
    url: string,
    now: number,
  ) {
    const content = maintenanceCalendar(
      [
        {
          id: maintenance.id,
          title: maintenance.title,
          description,
          startsAt: maintenance.startsAt.getTime(),
          endsAt: maintenance.endsAt.getTime(),
          url,
          cancelled: kind === 'cancellation',
          sequence: kind === 'announcement' ? 0 : changeSequence(maintenance.publishedAt.getTime(), now),
          stamp: now,
        },
      ],
      { name: maintenance.title, host: new URL(this.config.PUBLIC_BASE_URL).hostname },
    );
    return { filename: 'maintenance.ics', content, contentType: 'text/calendar; charset=utf-8' };
  }
}
