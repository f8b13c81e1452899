import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import { CalendarService, formatInZone } from '@madoguchi/business-calendar';
import type { RequestContext } from '@madoguchi/common';
import { AtomicStatement, type Transaction, UnitOfWork } from '@madoguchi/database';

import { dueTimes } from '../domain/sla';
import { type TicketDraft, ticketNumber } from '../domain/ticket';
import { type NewTicket, TicketRepository } from '../infrastructure/ticket.repository';
import { SlaPolicyService } from './sla-policy.service';
import { TicketNumberService } from './ticket-number.service';

/** A ticket worked out but not yet written. */
export interface PreparedTicket {
  context: RequestContext;
  ticket: NewTicket;
  opened: OpenedTicket;
}

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
 * Opens a ticket: SLA due times on the support calendar, the ticket with its first message and
 * `create` event, and its audit entry, written together. Used by the inquiry form (which adds its
 * own writes to the same statement), follow-ups to closed tickets and calls turned into tickets.
 */
@Injectable()
export class TicketOpenerService {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly numbers: TicketNumberService,
    private readonly audit: AuditService,
    private readonly policies: SlaPolicyService,
    private readonly calendars: CalendarService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** Opens it inside the caller's transaction. */
  async open(
    transaction: Transaction,
    context: RequestContext,
    draft: TicketDraft,
    now: number,
  ): Promise<OpenedTicket> {
    const prepared = await this.prepare(context, draft, now, transaction);
    const statement = new AtomicStatement();
    this.addTo(statement, [prepared]);
    await this.unitOfWork.write(statement, transaction);
    return prepared.opened;
  }

  /**
   * Works out a ticket (number, due times, ids) without writing anything; `addTo` adds its writes to
   * a statement. `transaction` is the caller's, if it holds one.
   */
  async prepare(
    context: RequestContext,
    draft: TicketDraft,
    now: number,
    transaction?: Transaction,
  ): Promise<PreparedTicket> {
    const targets = await this.policies.targetsFor({ ...draft, priority: 'normal' }, transaction);
    const calendar = await this.calendars.calendar(targets.calendarId, transaction);
    const due = dueTimes(calendar, now, targets);
    const id = randomUUID();
    const year = Number(formatInZone(now, calendar.definition.timeZone).slice(0, 4));
    const number = ticketNumber(year, await this.numbers.next(transaction));
    return {
      context,
      ticket: {
        ...draft,
        id,
        number,
        requesterEmail: draft.requesterEmail?.toLowerCase() ?? null,
        messageId: randomUUID(),
        calendarId: targets.calendarId,
        firstResponseDueAt: new Date(due.firstResponseDueAt),
        firstResponseWarnAt: new Date(due.firstResponseWarnAt),
        resolutionDueAt: new Date(due.resolutionDueAt),
        resolutionWarnAt: new Date(due.resolutionWarnAt),
        createdAt: new Date(now),
      },
      opened: {
        id,
        number,
        timeZone: calendar.definition.timeZone,
        createdAt: now,
        firstResponseDueAt: due.firstResponseDueAt,
        resolutionDueAt: due.resolutionDueAt,
      },
    };
  }

  /** Adds prepared tickets with their audit entries to a statement: written together when it runs. */
  addTo(statement: AtomicStatement, prepared: readonly PreparedTicket[]): void {
    this.tickets.addNew(
      statement,
      prepared.map((item) => item.ticket),
    );
    this.audit.recordIn(
      statement,
      prepared.map(({ context, ticket }) => ({
        context,
        action: {
          action: 'ticket.create',
          targetType: 'ticket',
          targetId: ticket.id,
          summary: {
            number: ticket.number,
            channel: ticket.channel,
            subject: ticket.subject,
            followUpOf: ticket.followUpOf ?? null,
          },
        },
      })),
    );
  }
}
