import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { CalendarService } from '@madoguchi/business-calendar';
import {
  Clock,
  DomainError,
  isStaff,
  type Principal,
  type RequestContext,
  ValidationFailedError,
} from '@madoguchi/common';
import { MailOutbox, renderMail } from '@madoguchi/mail';

import { AUTO_CLOSE_BUSINESS_DAYS, dueTimes, resumeAfterPending } from '../domain/sla';
import { canTransition, type TicketPriority, type TicketStatus } from '../domain/ticket';
import { AgentGroupEntity } from '../infrastructure/agent-group.entity';
import { TicketEntity } from '../infrastructure/ticket.entity';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { TicketMessageEntity } from '../infrastructure/ticket-message.entity';
import { ticketReplyTemplate } from '../templates/ticket-mail.templates';
import { acknowledgementKey, acknowledgementMail } from './acknowledgement';
import { SlaPolicyService } from './sla-policy.service';
import { TicketHistory } from './ticket-history';
import { TicketOpener } from './ticket-opener';
import { ticketNotFound } from './ticket-queries';

/** Extra writes that must commit with a message (an inbound e-mail's idempotency key, say). */
export type WithinTransaction = (
  manager: EntityManager,
  written: { ticketId: string; number: string; messageId: string },
) => Promise<void>;

/** A message to add; `viewer` null: the system acts (no organization scoping). */
interface NewMessage {
  context: RequestContext;
  viewer: Principal | null;
  ticketId: string;
  author: { kind: 'agent' | 'requester'; userId: string | null };
  input: { body: string; internal?: boolean };
  now: number;
}

export interface TicketChanges {
  status?: TicketStatus;
  priority?: TicketPriority;
  assigneeId?: string | null;
  groupId?: string | null;
}

/** Replies, notes and status changes. Each runs in one transaction with its history and audit entries. */
const businessSeconds = (ms: number) => Math.max(0, Math.round(ms / 1000));

@Injectable()
export class TicketCommands {
  constructor(
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tickets: TicketRepository,
    private readonly calendars: CalendarService,
    private readonly history: TicketHistory,
    private readonly opener: TicketOpener,
    private readonly policies: SlaPolicyService,
    private readonly outbox: MailOutbox,
  ) {}

  /**
   * A customer's reply reopens a solved or pending ticket; an agent's first public reply stops the
   * first-response clock and is e-mailed to the requester; internal notes are staff-only.
   */
  async addMessage(
    context: RequestContext,
    ticketId: string,
    input: { body: string; internal?: boolean },
    now = this.clock.now(),
  ) {
    const viewer = context.actor!;
    const staff = isStaff(viewer.role);
    if (input.internal && !staff)
      throw new ValidationFailedError([{ field: 'internal', messages: ['only staff can write internal notes'] }]);
    return this.append({
      context,
      viewer,
      ticketId,
      author: { kind: staff ? 'agent' : 'requester', userId: viewer.userId },
      input,
      now,
    });
  }

  /**
   * A reply the requester sent by e-mail (no account needed; the caller checked the sender):
   * handled like a customer's reply in the portal, a closed ticket included.
   */
  async addRequesterEmail(
    context: RequestContext,
    ticketId: string,
    body: string,
    now = this.clock.now(),
    within?: WithinTransaction,
  ) {
    return this.append(
      { context, viewer: null, ticketId, author: { kind: 'requester', userId: null }, input: { body }, now },
      within,
    );
  }

  private async append(request: NewMessage, within?: WithinTransaction) {
    const { ticketId } = request;
    const staff = request.author.kind === 'agent';
    const { message, ticket } = await this.dataSource.transaction(async (manager) => {
      const written = await this.write(manager, request);
      // The requester's copy is written with the reply itself, so it can be neither lost nor sent for a rolled-back reply.
      if (staff && !written.message.internal) await this.emailReply(manager, written.ticket, written.message);
      await within?.(manager, {
        ticketId: written.ticket.id,
        number: written.ticket.number,
        messageId: written.message.id,
      });
      return written;
    });
    return { message, ticketId: ticket.id, followUpOf: ticket.id === ticketId ? null : ticketId };
  }

  private async write(manager: EntityManager, { context, viewer, ticketId, author, input, now }: NewMessage) {
    const staff = author.kind === 'agent';
    const ticket = await this.locked(manager, viewer, ticketId);
    if (ticket.status === 'closed') {
      if (staff) {
        throw new DomainError('ticket.closed', `Ticket ${ticket.number} is closed.`, 'rule-violation', {
          rule: 'ticket.closed',
        });
      }
      return this.followUp(manager, context, ticket, input.body, now, author.userId);
    }
    const message: TicketMessageEntity = Object.assign(new TicketMessageEntity(), {
      id: randomUUID(),
      ticketId,
      authorId: author.userId,
      authorKind: author.kind,
      body: input.body,
      internal: Boolean(input.internal),
      createdAt: new Date(now),
    });
    await manager.insert(TicketMessageEntity, message);
    const changes: Partial<TicketEntity> = { updatedAt: new Date(now) };
    if (staff && !message.internal) {
      if (!ticket.firstRespondedAt) {
        const calendar = await this.calendars.calendar(ticket.calendarId, manager);
        changes.firstRespondedAt = new Date(now);
        changes.firstResponseBusinessSeconds = businessSeconds(
          calendar.businessTimeBetween(ticket.createdAt.getTime(), now),
        );
      }
      if (ticket.status === 'new') changes.status = 'open';
    }
    if (!staff && (ticket.status === 'solved' || ticket.status === 'pending')) {
      Object.assign(changes, await this.statusChange(manager, ticket, 'open', now));
    }
    await manager.update(TicketEntity, { id: ticketId }, changes);
    await this.history.record(
      manager,
      context,
      ticketId,
      message.internal ? 'note' : 'reply',
      {
        messageId: message.id,
        by: message.authorKind,
        ...(changes.status ? { status: { before: ticket.status, after: changes.status } } : {}),
      },
      now,
    );
    return { message, ticket };
  }

  /** A customer writing on a closed ticket opens a follow-up ticket that points back to it. */
  private async followUp(
    manager: EntityManager,
    context: RequestContext,
    closed: TicketEntity,
    body: string,
    now: number,
    requesterId: string | null,
  ) {
    const draftSubject = closed.subject.startsWith('Re: ') ? closed.subject : `Re: ${closed.subject}`.slice(0, 200);
    const opened = await this.opener.open(
      manager,
      context,
      {
        organizationId: closed.organizationId,
        requesterId,
        requesterName: closed.requesterName,
        requesterEmail: closed.requesterEmail,
        requesterCompany: closed.requesterCompany,
        requesterPhone: closed.requesterPhone,
        requesterLanguage: closed.requesterLanguage,
        channel: closed.channel,
        category: closed.category,
        subject: draftSubject,
        body,
        followUpOf: closed.id,
      },
      now,
    );
    await this.history.record(
      manager,
      context,
      closed.id,
      'follow-up',
      { followUp: opened.id, number: opened.number },
      now,
    );
    // The follow-up is a new ticket: its requester hears its number and promised time, like any inquiry.
    const desk = await this.calendars.calendar('support-hours', manager);
    await this.outbox.write(
      manager,
      acknowledgementMail(
        { name: closed.requesterName, email: closed.requesterEmail, language: closed.requesterLanguage },
        { number: opened.number, subject: draftSubject, firstResponseDueAt: opened.firstResponseDueAt },
        desk.definition,
      ),
      acknowledgementKey(opened.id),
    );
    const [message] = await manager.find(TicketMessageEntity, { where: { ticketId: opened.id } });
    const ticket = await manager.findOneByOrFail(TicketEntity, { id: opened.id });
    return { message: message!, ticket };
  }

  async update(context: RequestContext, ticketId: string, input: TicketChanges, now = this.clock.now()) {
    return this.dataSource.transaction(async (manager) => {
      const ticket = await this.locked(manager, context.actor!, ticketId);
      const changes: Partial<TicketEntity> = { updatedAt: new Date(now) };
      if (input.status && input.status !== ticket.status) {
        if (!canTransition(ticket.status, input.status)) {
          throw new DomainError(
            'ticket.invalid-transition',
            `A ${ticket.status} ticket cannot become ${input.status}.`,
            'rule-violation',
            {
              rule: 'ticket.status-transition',
            },
          );
        }
        Object.assign(changes, await this.statusChange(manager, ticket, input.status, now));
      }
      if (input.priority && input.priority !== ticket.priority) {
        changes.priority = input.priority;
        Object.assign(changes, await this.retarget(manager, ticket, input.priority));
      }
      if (input.assigneeId !== undefined) changes.assigneeId = input.assigneeId;
      if (input.groupId !== undefined) {
        if (input.groupId !== null && !(await manager.findOneBy(AgentGroupEntity, { id: input.groupId }))) {
          throw new ValidationFailedError([{ field: 'groupId', messages: ['no group has this id'] }]);
        }
        changes.groupId = input.groupId;
      }
      await manager.update(TicketEntity, { id: ticketId }, changes);
      const fields = ['status', 'priority', 'assigneeId', 'groupId'] as const;
      const before = Object.fromEntries(fields.map((field) => [field, ticket[field]]));
      const after = Object.fromEntries(
        fields.map((field) => [field, field in changes ? changes[field] : ticket[field]]),
      );
      await this.history.record(manager, context, ticketId, 'update', { before, after }, now);
      return manager.findOneByOrFail(TicketEntity, { id: ticketId });
    });
  }

  /** A customer marks their own inquiry done: closed from any state, as they see fit. */
  async closeByRequester(context: RequestContext, ticketId: string, now = this.clock.now()) {
    await this.dataSource.transaction(async (manager) => {
      const ticket = await this.locked(manager, context.actor!, ticketId);
      if (ticket.status === 'closed') return;
      await manager.update(
        TicketEntity,
        { id: ticketId },
        { ...(await this.statusChange(manager, ticket, 'closed', now)), updatedAt: new Date(now) },
      );
      await this.history.record(manager, context, ticketId, 'close', { before: ticket.status, by: 'requester' }, now);
    });
  }

  /**
   * A new priority can mean other targets (urgent: 1 and 7 business hours): due and warning times
   * are computed again from the ticket's creation, keeping the time already paused while pending.
   */
  private async retarget(
    manager: EntityManager,
    ticket: TicketEntity,
    priority: TicketPriority,
  ): Promise<Partial<TicketEntity>> {
    const targets = await this.policies.targetsFor({ ...ticket, priority }, manager);
    const calendar = await this.calendars.calendar(targets.calendarId, manager);
    const due = dueTimes(calendar, ticket.createdAt.getTime(), targets);
    return {
      calendarId: targets.calendarId,
      firstResponseDueAt: new Date(due.firstResponseDueAt),
      firstResponseWarnAt: new Date(due.firstResponseWarnAt),
      resolutionDueAt: new Date(calendar.addBusinessTime(due.resolutionDueAt, ticket.pausedMs)),
      resolutionWarnAt: new Date(calendar.addBusinessTime(due.resolutionWarnAt, ticket.pausedMs)),
    };
  }

  /** The fields a status change sets: the pending pause, solve and close times. */
  private async statusChange(
    manager: EntityManager,
    ticket: TicketEntity,
    status: TicketStatus,
    now: number,
  ): Promise<Partial<TicketEntity>> {
    const changes: Partial<TicketEntity> = { status };
    if (status === 'pending') changes.pendingSince = new Date(now);
    if (ticket.status === 'pending' && ticket.pendingSince) {
      const calendar = await this.calendars.calendar(ticket.calendarId, manager);
      const clock = {
        resolutionDueAt: ticket.resolutionDueAt.getTime(),
        resolutionWarnAt: ticket.resolutionWarnAt.getTime(),
      };
      const resumed = resumeAfterPending(calendar, clock, ticket.pendingSince.getTime(), now);
      changes.resolutionDueAt = new Date(resumed.resolutionDueAt);
      changes.resolutionWarnAt = new Date(resumed.resolutionWarnAt);
      changes.pausedMs = ticket.pausedMs + resumed.pausedMs;
      changes.pendingSince = null;
    }
    if (status === 'solved') {
      const calendar = await this.calendars.calendar(ticket.calendarId, manager);
      changes.solvedAt = new Date(now);
      const paused = changes.pausedMs ?? ticket.pausedMs;
      changes.resolutionBusinessSeconds = businessSeconds(
        calendar.businessTimeBetween(ticket.createdAt.getTime(), now) - paused,
      );
      changes.autoCloseAt = new Date(calendar.endOfBusinessDays(now, AUTO_CLOSE_BUSINESS_DAYS));
    }
    if (status === 'open')
      Object.assign(changes, { solvedAt: null, autoCloseAt: null, resolutionBusinessSeconds: null });
    if (status === 'closed') Object.assign(changes, { closedAt: new Date(now), autoCloseAt: null });
    return changes;
  }

  private async locked(manager: EntityManager, viewer: Principal | null, ticketId: string): Promise<TicketEntity> {
    const ticket = await this.tickets.find(viewer, ticketId, manager, true);
    if (!ticket) throw ticketNotFound(ticketId);
    return ticket;
  }

  private async emailReply(manager: EntityManager, ticket: TicketEntity, message: TicketMessageEntity): Promise<void> {
    const mail = renderMail(ticketReplyTemplate, ticket.requesterLanguage, {
      name: ticket.requesterName,
      number: ticket.number,
      subject: ticket.subject,
      body: message.body,
    });
    await this.outbox.write(manager, { to: [ticket.requesterEmail], ...mail }, `ticket-message.${message.id}`);
  }
}
