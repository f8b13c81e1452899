import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import { CalendarService } from '@madoguchi/business-calendar';
import { Clock, type RequestContext } from '@madoguchi/common';
import { type Transaction, UnitOfWork } from '@madoguchi/database';
import { ticketNotFound, TicketOpenerService } from '@madoguchi/tickets';

import type { CallDirection } from '../domain/call';
import { callHasTicket, callInFuture, callNotFound } from '../domain/telephony.errors';
import { CallRepository } from '../infrastructure/call.repository';
import { callView } from './telephony-views';

export interface LoggedCallInput {
  direction: CallDirection;
  callerNumber: string;
  startedAt: Date;
  durationSeconds: number;
  summary: string;
  ticketId?: string | null;
}

export interface TicketFromCallInput {
  name: string;
  /** Absent: the caller gave no address (they hear back by phone). */
  email?: string | null;
  company?: string | null;
  language?: 'ja' | 'en';
  category?: string | null;
  subject: string;
  body?: string | null;
}

/** Calls agents log by hand (a call outside the PBX log, or an outbound call), and calls' tickets. */
@Injectable()
export class CallLogService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly calls: CallRepository,
    private readonly audit: AuditService,
    private readonly calendars: CalendarService,
    private readonly opener: TicketOpenerService,
    private readonly clock: Clock,
  ) {}

  async log(context: RequestContext, input: LoggedCallInput) {
    if (input.startedAt.getTime() > this.clock.now() + 60_000) throw callInFuture();
    const id = randomUUID();
    const call = await this.unitOfWork.run(async (transaction) => {
      if (input.ticketId) await this.requireTicket(transaction, input.ticketId);
      const startedAt = input.startedAt.getTime();
      const stored = await this.calls.insert(transaction, {
        id,
        source: 'manual',
        pbxCallId: id,
        direction: input.direction,
        callerNumber: input.callerNumber,
        enteredAt: new Date(startedAt),
        answeredAt: new Date(startedAt),
        endedAt: new Date(startedAt + input.durationSeconds * 1000),
        outcome: 'answered',
        waitSeconds: 0,
        talkSeconds: input.durationSeconds,
        agent: context.actor!.name,
        summary: input.summary,
        ticketId: input.ticketId ?? null,
        loggedBy: context.actor!.userId,
      });
      await this.audit.record(transaction, context, {
        action: 'call.log',
        targetType: 'call',
        targetId: id,
        summary: { direction: input.direction, ticketId: input.ticketId ?? null },
      });
      return stored;
    });
    return callView(call, await this.calendars.timeZone('support-hours'));
  }

  async linkTicket(context: RequestContext, callId: string, ticketId: string | null) {
    const call = await this.unitOfWork.run(async (transaction) => {
      const found = await this.calls.find(callId, transaction);
      if (!found) throw callNotFound(callId);
      if (ticketId) await this.requireTicket(transaction, ticketId);
      await this.calls.linkTicket(transaction, callId, ticketId);
      await this.audit.record(transaction, context, {
        action: 'call.link-ticket',
        targetType: 'call',
        targetId: callId,
        summary: { ticketId, previous: found.ticketId },
      });
      return { ...found, ticketId };
    });
    return callView(call, await this.calendars.timeZone('support-hours'));
  }

  /** "Create ticket from this call": a `phone` ticket, linked to the call, in one transaction. */
  async createTicket(context: RequestContext, callId: string, input: TicketFromCallInput) {
    return this.unitOfWork.run(async (transaction) => {
      const call = await this.calls.find(callId, transaction);
      if (!call) throw callNotFound(callId);
      if (call.ticketId) throw callHasTicket(call.ticketId);
      const opened = await this.opener.open(
        transaction,
        context,
        {
          organizationId: null,
          requesterId: null,
          requesterName: input.name,
          requesterEmail: input.email ?? null,
          requesterCompany: input.company ?? null,
          requesterPhone: call.callerNumber,
          requesterLanguage: input.language ?? 'ja',
          channel: 'phone',
          category: input.category ?? null,
          subject: input.subject,
          body: input.body?.trim() || call.summary || input.subject,
        },
        this.clock.now(),
      );
      await this.calls.linkTicket(transaction, callId, opened.id);
      return { ticketId: opened.id, number: opened.number };
    });
  }

  private async requireTicket(transaction: Transaction, ticketId: string): Promise<void> {
    if (!(await this.calls.ticketExists(transaction, ticketId))) throw ticketNotFound(ticketId);
  }
}
