import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { CalendarService, formatForPeople } from '@madoguchi/business-calendar';
import { Clock, SYSTEM_CONTEXT } from '@madoguchi/common';
import { MailOutbox, renderMail } from '@madoguchi/mail';

import type { SlaAlertKind, SlaClock } from '../infrastructure/sla-alert.entity';
import { slaAlertTemplate } from '../templates/ticket-mail.templates';
import { TicketHistory } from './ticket-history';

/** Which tickets each alert applies to, and the instant that raises it. */
const RULES: Array<{ clock: SlaClock; kind: SlaAlertKind; instant: string; applies: string }> = [
  {
    clock: 'first-response',
    kind: 'warning',
    instant: 'first_response_warn_at',
    applies: `first_responded_at IS NULL AND status NOT IN ('solved', 'closed')`,
  },
  {
    clock: 'first-response',
    kind: 'breach',
    instant: 'first_response_due_at',
    applies: `first_responded_at IS NULL AND status NOT IN ('solved', 'closed')`,
  },
  // The resolution clock stands still while the ticket is pending on the customer.
  { clock: 'resolution', kind: 'warning', instant: 'resolution_warn_at', applies: `status IN ('new', 'open')` },
  { clock: 'resolution', kind: 'breach', instant: 'resolution_due_at', applies: `status IN ('new', 'open')` },
];

export interface RaisedAlert {
  ticketId: string;
  number: string;
  subject: string;
  assigneeId: string | null;
  clock: SlaClock;
  kind: SlaAlertKind;
  dueAt: Date;
}

/**
 * Raises SLA warnings (at 75% of a target) and breaches (at the due instant), each exactly once
 * per ticket and clock: the INSERT … ON CONFLICT DO NOTHING decides, so concurrent or repeated
 * scans cannot double an alert. Then tells the assignee, and managers on a breach or when nobody
 * is assigned.
 */
@Injectable()
export class SlaScanUseCase {
  private readonly logger = new Logger(SlaScanUseCase.name);

  constructor(
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly history: TicketHistory,
    private readonly outbox: MailOutbox,
    private readonly calendars: CalendarService,
  ) {}

  async scan(now = this.clock.now()): Promise<RaisedAlert[]> {
    const zone = await this.calendars.timeZone('support-hours');
    const raised = await this.dataSource.transaction(async (manager) => {
      const alerts: RaisedAlert[] = [];
      for (const rule of RULES) {
        const rows = (await manager.query(
          `INSERT INTO sla_alert (ticket_id, clock, kind, due_at, raised_at)
           SELECT id, $1, $2, ${rule.instant}, $3 FROM ticket WHERE ${rule.applies} AND ${rule.instant} <= $3
           ON CONFLICT DO NOTHING
           RETURNING ticket_id, due_at`,
          [rule.clock, rule.kind, new Date(now)],
        )) as Array<{ ticket_id: string; due_at: Date }>;
        for (const row of rows) {
          const [ticket] = (await manager.query(`SELECT number, subject, assignee_id FROM ticket WHERE id = $1`, [
            row.ticket_id,
          ])) as Array<{
            number: string;
            subject: string;
            assignee_id: string | null;
          }>;
          const alert: RaisedAlert = {
            ticketId: row.ticket_id,
            number: ticket!.number,
            subject: ticket!.subject,
            assigneeId: ticket!.assignee_id,
            clock: rule.clock,
            kind: rule.kind,
            dueAt: new Date(row.due_at),
          };
          alerts.push(alert);
          // The e-mails are written with the alert's mark: a crash cannot raise an alert nobody hears of.
          await this.notify(manager, alert, zone);
          await this.history.record(
            manager,
            SYSTEM_CONTEXT,
            row.ticket_id,
            `sla.${rule.kind}`,
            {
              clock: rule.clock,
              dueAt: new Date(row.due_at).toISOString(),
            },
            now,
          );
        }
      }
      return alerts;
    });
    if (raised.length > 0) this.logger.log({ alerts: raised.length }, 'SLA alerts raised');
    return raised;
  }

  private async notify(manager: EntityManager, alert: RaisedAlert, zone: string): Promise<void> {
    const recipients = (await manager.query(
      `SELECT id, email, language FROM app_user WHERE active AND (id = $1 OR (role = 'manager' AND ($2 OR $1::uuid IS NULL)))`,
      [alert.assigneeId, alert.kind === 'breach'],
    )) as Array<{ id: string; email: string; language: 'ja' | 'en' }>;
    for (const recipient of recipients) {
      const mail = renderMail(slaAlertTemplate, recipient.language, {
        number: alert.number,
        subject: alert.subject,
        clock: alert.clock,
        kind: alert.kind,
        due: formatForPeople(alert.dueAt.getTime(), zone, recipient.language),
      });
      await this.outbox.write(
        manager,
        { to: [recipient.email], ...mail },
        `sla.${alert.ticketId}.${alert.clock}.${alert.kind}.${recipient.id}`,
      );
    }
  }
}
