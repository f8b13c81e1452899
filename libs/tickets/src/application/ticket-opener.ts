import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { AuditService } from '@madoguchi/audit';
import { CalendarService, formatInZone } from '@madoguchi/business-calendar';
import type { RequestContext } from '@madoguchi/common';

import { dueTimes } from '../domain/sla';
import type { TicketDraft } from '../domain/ticket';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { SlaPolicyService } from './sla-policy.service';

export interface OpenedTicket {
  id: string;
  number: string;
  /** The zone of the ticket's SLA calendar, for showing its times. */
  timeZone: string;
  createdAt: number;
  firstResponseDueAt: number;
  resolutionDueAt: number;
}

/**
 * Opens a ticket inside the caller's transaction: SLA due times on the support calendar, the
 * ticket with its first message and `create` event, and its audit entry. Used by the inquiry
 * form and by follow-ups to closed tickets.
 */
@Injectable()
export class TicketOpener {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly audit: AuditService,
    private readonly policies: SlaPolicyService,
    private readonly calendars: CalendarService,
  ) {}

  async open(manager: EntityManager, context: RequestContext, draft: TicketDraft, now: number): Promise<OpenedTicket> {
    const targets = await this.policies.targetsFor({ ...draft, priority: 'normal' }, manager);
    const calendar = await this.calendars.calendar(targets.calendarId, manager);
    const due = dueTimes(calendar, now, targets);
    const id = randomUUID();
    const number = await this.tickets.insertNew(manager, {
      ...draft,
      id,
      year: Number(formatInZone(now, calendar.definition.timeZone).slice(0, 4)),
      requesterEmail: draft.requesterEmail.toLowerCase(),
      messageId: randomUUID(),
      calendarId: targets.calendarId,
      firstResponseDueAt: new Date(due.firstResponseDueAt),
      firstResponseWarnAt: new Date(due.firstResponseWarnAt),
      resolutionDueAt: new Date(due.resolutionDueAt),
      resolutionWarnAt: new Date(due.resolutionWarnAt),
      createdAt: new Date(now),
    });
    // The ticket's `create` event was written with it; the audit entry joins the same transaction.
    await this.audit.record(manager, context, {
      action: 'ticket.create',
      targetType: 'ticket',
      targetId: id,
      summary: { number, channel: draft.channel, subject: draft.subject, followUpOf: draft.followUpOf ?? null },
    });
    return {
      id,
      number,
      timeZone: calendar.definition.timeZone,
      createdAt: now,
      firstResponseDueAt: due.firstResponseDueAt,
      resolutionDueAt: due.resolutionDueAt,
    };
  }
}
