import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { managerOf, type Transaction } from '@madoguchi/database';

/** A published incident whose notice e-mail is still on its way to some recipients. */
export interface UndeliveredNotice {
  id: string;
  title: string;
  detectedAt: Date;
  /** When its oldest unfinished notice started going out. */
  sendingSince: Date;
  pending: number;
}

export interface UnnotifiedIncident {
  id: string;
  title: string;
  detectedAt: Date;
  noticeDeadlineAt: Date;
  /** The highest alert mark raised so far (30, 45), or null before the first. */
  alertedAt: number | null;
}

/**
 * The 1-hour promise's alarms: `incident_alert` holds one row per incident and mark, so raising an
 * alert (INSERT … ON CONFLICT DO NOTHING) and deciding it is new are one step.
 */
@Injectable()
export class IncidentAlertRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Marks unpublished, unresolved incidents detected `minutes` or more before `now`; the ones newly marked. */
  async markUnnotified(transaction: Transaction, minutes: number, now: Date): Promise<string[]> {
    const rows = (await managerOf(transaction).query(
      `INSERT INTO incident_alert (incident_id, minutes, raised_at)
           SELECT id, $1::smallint, $2 FROM incident
            WHERE published_at IS NULL AND resolved_at IS NULL AND detected_at + make_interval(mins => $1::int) <= $2
           ON CONFLICT DO NOTHING
           RETURNING incident_id`,
      [minutes, now],
    )) as Array<{ incident_id: string }>;
    return rows.map((row) => row.incident_id);
  }

  /**
   * Marks published incidents of the last day whose notice e-mail is still pending for someone
   * `minutes` after detection; the ones newly marked, with the recipients still waiting.
   */
  async markUndelivered(
    transaction: Transaction,
    minutes: number,
    now: Date,
  ): Promise<Array<{ id: string; recipients: number }>> {
    return (await managerOf(transaction).query(
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
      [minutes, now],
    )) as Array<{ id: string; recipients: number }>;
  }

  /** Published incidents of the last week with a notice still going out after `stalledMinutes`. */
  async undeliveredNotices(now: Date, stalledMinutes: number): Promise<UndeliveredNotice[]> {
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
      [now, stalledMinutes],
    )) as Array<{ id: string; title: string; detected_at: Date; since: Date; pending: number }>;
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      detectedAt: new Date(row.detected_at),
      sendingSince: new Date(row.since),
      pending: row.pending,
    }));
  }

  /** Unpublished, unresolved incidents, oldest detection first, with the highest mark raised. */
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

  /** Who is alerted: every active manager and admin. */
  async managers(transaction: Transaction): Promise<Array<{ id: string; email: string; language: 'ja' | 'en' }>> {
    return (await managerOf(transaction).query(
      `SELECT id, email, language FROM app_user WHERE active AND role IN ('manager', 'admin')`,
    )) as Array<{ id: string; email: string; language: 'ja' | 'en' }>;
  }
}
