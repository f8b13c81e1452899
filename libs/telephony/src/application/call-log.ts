import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { AuditService } from '@madoguchi/audit';
import { CalendarService } from '@madoguchi/business-calendar';
import { Clock, DomainError, type RequestContext } from '@madoguchi/common';
import { TicketEntity, ticketNotFound, TicketOpener } from '@madoguchi/tickets';

import type { CallDirection } from '../domain/call';
import { TelephonyCallEntity } from '../infrastructure/telephony-call.entity';
import { callNotFound } from './call-queries';
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
  email: string;
  company?: string | null;
  language?: 'ja' | 'en';
  category?: string | null;
  subject: string;
  body?: string | null;
}

/** Calls agents log by hand (a call outside the PBX log, or an outbound call), and calls' tickets. */
@Injectable()
export class CallLog {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly calendars: CalendarService,
    private readonly opener: TicketOpener,
    private readonly clock: Clock,
  ) {}

  async log(context: RequestContext, input: LoggedCallInput) {
    if (input.startedAt.getTime() > this.clock.now() + 60_000)
      throw new DomainError('call.in-future', 'A logged call cannot start in the future.', 'rule-violation', {
        field: 'startedAt',
      });
    const id = randomUUID();
    const call = await this.dataSource.transaction(async (manager) => {
      if (input.ticketId) await this.requireTicket(manager, input.ticketId);
      const startedAt = input.startedAt.getTime();
      await manager.insert(TelephonyCallEntity, {
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
      await this.audit.record(manager, context, {
        action: 'call.log',
        targetType: 'call',
        targetId: id,
        summary: { direction: input.direction, ticketId: input.ticketId ?? null },
      });
      return manager.findOneByOrFail(TelephonyCallEntity, { id });
    });
    return callView(call, await this.calendars.timeZone('support-hours'));
  }

  async linkTicket(context: RequestContext, callId: string, ticketId: string | null) {
    const call = await this.dataSource.transaction(async (manager) => {
      const found = await manager.findOneBy(TelephonyCallEntity, { id: callId });
      if (!found) throw callNotFound(callId);
      if (ticketId) await this.requireTicket(manager, ticketId);
      await manager.update(TelephonyCallEntity, { id: callId }, { ticketId, updatedAt: new Date() });
      await this.audit.record(manager, context, {
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
    return this.dataSource.transaction(async (manager) => {
      const call = await manager.findOneBy(TelephonyCallEntity, { id: callId });
      if (!call) throw callNotFound(callId);
      if (call.ticketId)
        throw new DomainError('call.has-ticket', 'This call already has a ticket.', 'conflict', {
          ticketId: call.ticketId,
        });
      const opened = await this.opener.open(
        manager,
        context,
        {
          organizationId: null,
          requesterId: null,
          requesterName: input.name,
          requesterEmail: input.email,
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
      await manager.update(TelephonyCallEntity, { id: callId }, { ticketId: opened.id, updatedAt: new Date() });
      return { ticketId: opened.id, number: opened.number };
    });
  }

  private async requireTicket(manager: EntityManager, ticketId: string): Promise<void> {
    if (!(await manager.existsBy(TicketEntity, { id: ticketId }))) throw ticketNotFound(ticketId);
  }
}
