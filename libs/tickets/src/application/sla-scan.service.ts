import { Injectable, Logger } from '@nestjs/common';

import { CalendarService, formatInstant } from '@madoguchi/business-calendar';
import { Clock, SYSTEM_CONTEXT } from '@madoguchi/common';
import { type Transaction, UnitOfWork } from '@madoguchi/database';
import { MailOutboxService, renderMail } from '@madoguchi/mail';

import { SLA_ALERTS, type SlaAlertKind, type SlaClock } from '../domain/sla';
import { SlaAlertRepository } from '../infrastructure/sla-alert.repository';
import { slaAlertTemplate } from '../templates/ticket-mail.templates';
import { TicketHistoryService } from './ticket-history.service';

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
 * per ticket and clock (the repository's mark decides), then tells the assignee, and managers on
 * a breach or when nobody is assigned.
 */
@Injectable()
export class SlaScanService {
  private readonly logger = new Logger(SlaScanService.name);

  constructor(
    private readonly clock: Clock,
    private readonly unitOfWork: UnitOfWork,
    private readonly alerts: SlaAlertRepository,
    private readonly history: TicketHistoryService,
    private readonly outbox: MailOutboxService,
    private readonly calendars: CalendarService,
  ) {}

  async scan(now = this.clock.now()): Promise<RaisedAlert[]> {
    const zone = await this.calendars.timeZone('support-hours');
    const raised = await this.unitOfWork.run(async (transaction) => {
      const raisedNow: RaisedAlert[] = [];
      for (const { clock, kind } of SLA_ALERTS) {
        for (const marked of await this.alerts.mark(transaction, clock, kind, new Date(now))) {
          const alert: RaisedAlert = { ...marked, clock, kind };
          raisedNow.push(alert);
          // The e-mails are written with the alert's mark: a crash cannot raise an alert nobody hears of.
          await this.notify(transaction, alert, zone, now);
          await this.history.record(
            transaction,
            SYSTEM_CONTEXT,
            alert.ticketId,
            `sla.${kind}`,
            { clock, dueAt: alert.dueAt.toISOString() },
            now,
          );
        }
      }
      return raisedNow;
    });
    if (raised.length > 0) this.logger.log({ alerts: raised.length }, 'SLA alerts raised');
    return raised;
  }

  private async notify(transaction: Transaction, alert: RaisedAlert, zone: string, now: number): Promise<void> {
    for (const recipient of await this.alerts.recipients(transaction, alert.assigneeId, alert.kind === 'breach')) {
      const mail = renderMail(slaAlertTemplate, recipient.language, {
        number: alert.number,
        subject: alert.subject,
        clock: alert.clock,
        kind: alert.kind,
        due: formatInstant(alert.dueAt.getTime(), { timeZone: zone, language: recipient.language, now }),
      });
      await this.outbox.write(
        transaction,
        { to: [recipient.email], ...mail },
        `sla.${alert.ticketId}.${alert.clock}.${alert.kind}.${recipient.id}`,
      );
    }
  }
}
