import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { CalendarService } from '@madoguchi/business-calendar';
import { Clock } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import { MailOutbox, renderMail } from '@madoguchi/mail';

import { UNDELIVERED_ALERT_MINUTES, UNNOTIFIED_ALERT_MINUTES } from '../domain/incident';
import { formatNoticeTime, unnotifiedIncidentAlertTemplate } from '../templates/notice-mail.templates';

export interface RaisedIncidentAlert {
  incidentId: string;
  minutes: number;
  /** Recipients still waiting for a published notice's e-mail (the undelivered alert). */
  undelivered?: number;
}

/** A published incident whose notice e-mail is still on its way to some recipients. */
export interface UndeliveredNotice {
  id: string;
  title: string;
  detectedAt: Date;
  /** When its oldest unfinished notice started going out. */
  sendingSince: Date;
  pending: number;
}

/** A notice still going out after this long is stalled (the mail server refuses or is away), not busy. */
export const NOTICE_STALLED_MINUTES = 5;

export interface UnnotifiedIncident {
  id: string;
  title: string;
  detectedAt: Date;
  noticeDeadlineAt: Date;
  /** The highest alert mark raised so far (30, 45), or null before the first. */
  alertedAt: number | null;
}

/**
 * Keeps the 1-hour promise visible: at 30 and 45 minutes after detection, while an incident has
 * no published notice, managers get an e-mail (once per incident and mark, decided by the
 * INSERT … ON CONFLICT) and the desk shows a banner; at 45 minutes also when the notice is
 * published but its e-mail has not reached everyone.
 */
@Injectable()
export class IncidentAlerts {
  private readonly logger = new Logger(IncidentAlerts.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: MailOutbox,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async scan(now = this.clock.now()): Promise<RaisedIncidentAlert[]> {
    const zone = await this.calendars.timeZone('support-hours');
    // The managers' e-mails are written with the alert's mark: a crash cannot raise an alert nobody hears of.
    const raised = await this.dataSource.transaction(async (manager) => {
      const alerts: RaisedIncidentAlert[] = [];
      for (const minutes of UNNOTIFIED_ALERT_MINUTES) {
        const rows = (await manager.query(
          `INSERT INTO incident_alert (incident_id, minutes, raised_at)
           SELECT id, $1::smallint, $2 FROM incident
            WHERE published_at IS NULL AND resolved_at IS NULL AND detected_at + make_interval(mins => $1::int) <= $2
           ON CONFLICT DO NOTHING
           RETURNING incident_id`,
          [minutes, new Date(now)],
        )) as Array<{ incident_id: string }>;
        alerts.push(...rows.map((row) => ({ incidentId: row.incident_id, minutes })));
      }
      alerts.push(...(await this.undelivered(manager, now)));
      for (const alert of alerts) await this.notifyManagers(manager, alert, zone);
      return alerts;
    });
    if (raised.length > 0) this.logger.warn({ alerts: raised }, 'incidents still without a customer notice');
    return raised;
  }

  /**
   * Published incidents of the last day whose notice e-mail is still pending for someone at the
   * undelivered mark: the page is up, but the promise is an e-mail too. One alert per incident and
   * mark (an incident already alerted at 45 minutes while unpublished is not alerted again).
   */
  private async undelivered(manager: EntityManager, now: number): Promise<RaisedIncidentAlert[]> {
    const rows = (await manager.query(
      // Unfinished batches (a few rows per notice) find the incidents; recipients are counted only
      // for the few that get an alert.
      `WITH marked AS (
         INSERT INTO incident_alert (incident_id, minutes, raised_at)
         SELECT i.id, $1::smallint, $2 FROM incident i
          WHERE i.published_at IS NOT NULL AND i.detected_at > $2::timestamptz - interval '1 day'
            AND i.detected_at + make_interval(mins => $1::int) <= $2
            AND EXISTS (SELECT 1 FROM incident_update u JOIN notice_batch b ON b.notice_id = u.notice_id AND NOT b.done
                         WHERE u.incident_id = i.id)
         ON CONFLICT DO NOTHING
         RETURNING incident_id)
       SELECT m.incident_id AS id,
              (SELECT count(*)::int FROM incident_update u
                 JOIN notice_delivery d ON d.notice_id = u.notice_id AND d.status = 'pending'
                WHERE u.incident_id = m.incident_id) AS recipients
         FROM marked m`,
      [UNDELIVERED_ALERT_MINUTES, new Date(now)],
    )) as Array<{ id: string; recipients: number }>;
    return rows.map((row) => ({ incidentId: row.id, minutes: UNDELIVERED_ALERT_MINUTES, undelivered: row.recipients }));
  }

  /**
   * Published incidents of the last week whose notice e-mail has not reached everyone yet, once
   * it has been going out for NOTICE_STALLED_MINUTES (a fan-out takes seconds): the page is up, the
   * e-mail is not. For the desk banner, with the recipients still waiting.
   */
  async undeliveredNotices(now = this.clock.now()): Promise<UndeliveredNotice[]> {
    const rows = (await this.dataSource.query(
      `SELECT i.id, i.title, i.detected_at, min(n.created_at) AS since,
              (SELECT count(*)::int FROM incident_update u2
                 JOIN notice_delivery d ON d.notice_id = u2.notice_id AND d.status = 'pending'
                WHERE u2.incident_id = i.id) AS pending
         FROM incident i
         JOIN incident_update u ON u.incident_id = i.id
         JOIN notice n ON n.id = u.notice_id AND n.created_at <= $1::timestamptz - make_interval(mins => $2::int)
        WHERE i.published_at IS NOT NULL AND i.detected_at > $1::timestamptz - interval '7 days'
          AND EXISTS (SELECT 1 FROM notice_batch b WHERE b.notice_id = n.id AND NOT b.done)
        GROUP BY i.id ORDER BY i.detected_at`,
      [new Date(now), NOTICE_STALLED_MINUTES],
    )) as Array<{ id: string; title: string; detected_at: Date; since: Date; pending: number }>;
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      detectedAt: new Date(row.detected_at),
      sendingSince: new Date(row.since),
      pending: row.pending,
    }));
  }

  /** Unpublished, unresolved incidents for the desk banner, oldest detection first. */
  async unnotified(): Promise<UnnotifiedIncident[]> {
    const rows = (await this.dataSource.query(
      `SELECT i.id, i.title, i.detected_at, i.notice_deadline_at, max(a.minutes) AS alerted
         FROM incident i LEFT JOIN incident_alert a ON a.incident_id = i.id
        WHERE i.published_at IS NULL AND i.resolved_at IS NULL
        GROUP BY i.id ORDER BY i.detected_at`,
    )) as Array<{ id: string; title: string; detected_at: Date; notice_deadline_at: Date; alerted: number | null }>;
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      detectedAt: new Date(row.detected_at),
      noticeDeadlineAt: new Date(row.notice_deadline_at),
      alertedAt: row.alerted === null ? null : Number(row.alerted),
    }));
  }

  private async notifyManagers(manager: EntityManager, alert: RaisedIncidentAlert, zone: string) {
    const { incidentId, minutes } = alert;
    const [incident] = (await manager.query(`SELECT title, notice_deadline_at FROM incident WHERE id = $1`, [
      incidentId,
    ])) as Array<{ title: string; notice_deadline_at: Date }>;
    const managers = (await manager.query(
      `SELECT id, email, language FROM app_user WHERE active AND role IN ('manager', 'admin')`,
    )) as Array<{ id: string; email: string; language: 'ja' | 'en' }>;
    for (const recipient of managers) {
      const mail = renderMail(unnotifiedIncidentAlertTemplate, recipient.language, {
        title: incident!.title,
        minutes,
        deadline: formatNoticeTime(new Date(incident!.notice_deadline_at).getTime(), zone, recipient.language),
        url: new URL(`/incidents/${incidentId}`, this.config.PUBLIC_BASE_URL).toString(),
        undelivered: alert.undelivered,
      });
      await this.outbox.write(
        manager,
        { to: [recipient.email], ...mail },
        `incident-alert.${incidentId}.${minutes}.${recipient.id}`,
      );
    }
  }
}
