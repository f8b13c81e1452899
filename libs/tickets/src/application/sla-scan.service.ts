import { Injectable, Logger } from '@nestjs/common';

import { CalendarService } from '@madoguchi/business-calendar';
import { Clock, SYSTEM_CONTEXT } from '@madoguchi/common';
import { UnitOfWork } from '@madoguchi/database';

import { SLA_ALERTS, type SlaAlertKind, type SlaClock } from '../domain/sla';
import { SlaAlertRepository } from '../infrastructure/sla-alert.repository';
import { NotificationService } from './notification.service';
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
 * a breach or when nobody is assigned: in the desk's notifications, and by one e-mail per person.
 */
@Injectable()
export class SlaScanService {
  private readonly logger = new Logger(SlaScanService.name);

  constructor(
    private readonly clock: Clock,
    private readonly unitOfWork: UnitOfWork,
    private readonly alerts: SlaAlertRepository,
    private readonly history: TicketHistoryService,
    private readonly notifications: NotificationService,
    private readonly calendars: CalendarService,
  ) {}

  async scan(now = this.clock.now()): Promise<RaisedAlert[]> {
    const zone = await this.calendars.timeZone('support-hours');
    const raised = await this.unitOfWork.run(async (transaction) => {
      const raisedNow: RaisedAlert[] = [];
      const deliveries = new Map<string, RaisedAlert[]>();
      for (const { clock, kind } of SLA_ALERTS) {
        for (const marked of await this.alerts.mark(transaction, clock, kind, new Date(now))) {
          const alert: RaisedAlert = { ...marked, clock, kind };
          raisedNow.push(alert);
          for (const recipientId of await this.alerts.recipients(transaction, alert.assigneeId, kind === 'breach'))
            deliveries.set(recipientId, [...(deliveries.get(recipientId) ?? []), alert]);
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
      // Told with the alerts' marks: a crash cannot raise an alert nobody hears of. One e-mail per person.
      await this.notifications.slaAlerts(transaction, deliveries, zone, now);
      return raisedNow;
    });
    if (raised.length > 0) this.logger.log({ alerts: raised.length }, 'SLA alerts raised');
    return raised;
  }
}
