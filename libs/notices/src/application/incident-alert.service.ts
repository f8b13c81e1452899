import { createHash } from 'node:crypto';

import { Injectable, Logger } from '@nestjs/common';

import { CalendarService } from '@madoguchi/business-calendar';
import { Clock } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import { type Transaction, UnitOfWork } from '@madoguchi/database';
import { MailOutboxService, renderMail } from '@madoguchi/mail';

import { UNDELIVERED_ALERT_MINUTES, UNNOTIFIED_ALERT_MINUTES } from '../domain/incident';
import { IncidentRepository } from '../infrastructure/incident.repository';
import {
  IncidentAlertRepository,
  type UndeliveredNotice,
  type UnnotifiedIncident,
} from '../infrastructure/incident-alert.repository';
import { formatNoticeTime, unnotifiedIncidentAlertTemplate } from '../templates/notice-mail.templates';

export interface RaisedIncidentAlert {
  incidentId: string;
  minutes: number;
  /** Recipients still waiting for a published notice's e-mail (the undelivered alert). */
  undelivered?: number;
}

export type { UndeliveredNotice, UnnotifiedIncident };

/** A notice still going out after this long is stalled (the mail server refuses or is away), not busy. */
export const NOTICE_STALLED_MINUTES = 5;

/**
 * Keeps the 1-hour promise visible: at 30 and 45 minutes after detection, while an incident has
 * no published notice, managers get an e-mail (once per incident and mark, decided by the
 * INSERT … ON CONFLICT) and the desk shows a banner; at 45 minutes also when the notice is
 * published but its e-mail has not reached everyone.
 */
@Injectable()
export class IncidentAlertService {
  private readonly logger = new Logger(IncidentAlertService.name);

  constructor(
    private readonly alerts: IncidentAlertRepository,
    private readonly incidents: IncidentRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: MailOutboxService,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async scan(now = this.clock.now()): Promise<RaisedIncidentAlert[]> {
    const zone = await this.calendars.timeZone('support-hours');
    // The managers' e-mails are written with the alert's mark: a crash cannot raise an alert nobody hears of.
    const raised = await this.unitOfWork.run(async (transaction) => {
      const alerts: RaisedIncidentAlert[] = [];
      for (const minutes of UNNOTIFIED_ALERT_MINUTES) {
        const marked = await this.alerts.markUnnotified(transaction, minutes, new Date(now));
        alerts.push(...marked.map((incidentId) => ({ incidentId, minutes })));
      }
      // Once per incident and mark: one alerted at 45 minutes while unpublished is not alerted again.
      const undelivered = await this.alerts.markUndelivered(transaction, UNDELIVERED_ALERT_MINUTES, new Date(now));
      alerts.push(
        ...undelivered.map((row) => ({
          incidentId: row.id,
          minutes: UNDELIVERED_ALERT_MINUTES,
          undelivered: row.recipients,
        })),
      );
      for (const alert of alerts) await this.notifyManagers(transaction, alert, zone);
      return alerts;
    });
    if (raised.length > 0) this.logger.warn({ alerts: raised }, 'incidents still without a customer notice');
    return raised;
  }

  /**
   * Published incidents of the last week whose notice e-mail has not reached everyone yet, once
   * it has been going out for NOTICE_STALLED_MINUTES (a fan-out takes seconds): the page is up, the
   * e-mail is not. For the desk banner, with the recipients still waiting.
   */
  undeliveredNotices(now = this.clock.now()): Promise<UndeliveredNotice[]> {
    return this.alerts.undeliveredNotices(new Date(now), NOTICE_STALLED_MINUTES);
  }

  /** Unpublished, unresolved incidents for the desk banner, oldest detection first. */
  unnotified(): Promise<UnnotifiedIncident[]> {
    return this.alerts.unnotified();
  }

  /**
   * One e-mail per manager (in their language) and per ALERT_MAIL_TO address (in Japanese), on the
   * alarm route: through ALERT_SMTP_URL where it is set, so it does not wait for the server whose
   * outage it may be reporting.
   */
  private async notifyManagers(transaction: Transaction, alert: RaisedIncidentAlert, zone: string) {
    const { incidentId, minutes } = alert;
    const incident = (await this.incidents.find(transaction, incidentId))!;
    const managers = await this.alerts.managers(transaction);
    const known = new Set(managers.map((manager) => manager.email.toLowerCase()));
    const recipients = [
      ...managers.map((manager) => ({ key: manager.id, email: manager.email, language: manager.language })),
      ...this.config.ALERT_MAIL_TO.filter((email) => !known.has(email.toLowerCase())).map((email) => ({
        // A digest, not the address: the outbox key holds 200 characters, an address up to 254.
        key: `to.${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 24)}`,
        email,
        language: 'ja' as const,
      })),
    ];
    for (const recipient of recipients) {
      const mail = renderMail(unnotifiedIncidentAlertTemplate, recipient.language, {
        title: incident.title,
        minutes,
        deadline: formatNoticeTime(incident.noticeDeadlineAt.getTime(), zone, recipient.language),
        url: new URL(`/incidents/${incidentId}`, this.config.PUBLIC_BASE_URL).toString(),
        undelivered: alert.undelivered,
      });
      await this.outbox.write(
        transaction,
        { to: [recipient.email], ...mail },
        `incident-alert.${incidentId}.${minutes}.${recipient.key}`,
        'alarm',
      );
    }
  }
}
