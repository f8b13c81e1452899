import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { CalendarService } from '@madoguchi/business-calendar';
import { Clock, DomainError, isStaff, type Principal, type RequestContext } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import { type Transaction, UnitOfWork } from '@madoguchi/database';
import { UserService } from '@madoguchi/identity';
import { MailOutboxService, renderMail } from '@madoguchi/mail';

import { type AttachmentFile, mailedAttachments } from '../domain/attachment';
import type { REPLY_STATUSES, TicketPriority, TicketStatus } from '../domain/ticket';
import {
  afterMessage,
  agentStatusChange,
  followUpSubject,
  isFollowUp,
  retargeted,
  statusChange,
} from '../domain/ticket-lifecycle';
import { mergeRefusal } from '../domain/ticket-merge';
import { MAX_TAGS_PER_TICKET } from '../domain/ticket-tag';
import {
  internalNoteByCustomer,
  mergeRefused,
  replyStatusByCustomer,
  ticketNotFound,
  tooManyTags,
  unknownGroup,
} from '../domain/tickets.errors';
import { AgentGroupRepository } from '../infrastructure/agent-group.repository';
import { type Tag, TagRepository } from '../infrastructure/tag.repository';
import type { TicketEntity } from '../infrastructure/ticket.entity';
import { type TicketChangeSet, TicketRepository } from '../infrastructure/ticket.repository';
import { type AttachmentInfo, TicketAttachments } from '../infrastructure/ticket-attachments';
import type { TicketMessageEntity } from '../infrastructure/ticket-message.entity';
import { ticketReplyTemplate } from '../templates/ticket-mail.templates';
import { acknowledgementKey, acknowledgementMail, portalTicketUrl, replyMailKey } from './acknowledgement';
import { NotificationService } from './notification.service';
import { SlaPolicyService } from './sla-policy.service';
import { TagService } from './tag.service';
import { TICKET_ATTACHMENT_SOURCE } from './ticket-attachment-mail-source';
import { TicketHistoryService } from './ticket-history.service';
import { TicketOpenerService } from './ticket-opener.service';

/** Extra writes that must commit with a message (an inbound e-mail's idempotency key, say). */
export type WithinTransaction = (
  transaction: Transaction,
  written: { ticketId: string; number: string; messageId: string },
) => Promise<void>;

/** A message's text and files; staff may also set the status it leaves the ticket in ("send as"). */
export interface ReplyInput {
  body: string;
  internal?: boolean;
  attachments?: readonly AttachmentFile[];
  status?: (typeof REPLY_STATUSES)[number];
}

/** A message to add; `viewer` null: the system acts (no organization scoping). */
interface NewMessage {
  context: RequestContext;
  viewer: Principal | null;
  ticketId: string;
  author: { kind: 'agent' | 'requester'; userId: string | null };
  input: ReplyInput;
  now: number;
}

export interface TicketChanges {
  status?: TicketStatus;
  priority?: TicketPriority;
  assigneeId?: string | null;
  groupId?: string | null;
  /** The tags the ticket carries afterwards (names from the list). */
  tags?: string[];
  /** Tags added to those the ticket carries. */
  addTags?: string[];
}

/**
 * Replies, notes and status changes. Each runs in one transaction with its history and audit
 * entries; what changes is decided by the lifecycle rules (domain/ticket-lifecycle.ts).
 */
@Injectable()
export class TicketCommandService {
  constructor(
    private readonly clock: Clock,
    private readonly unitOfWork: UnitOfWork,
    private readonly tickets: TicketRepository,
    private readonly groups: AgentGroupRepository,
    private readonly calendars: CalendarService,
    private readonly history: TicketHistoryService,
    private readonly opener: TicketOpenerService,
    private readonly policies: SlaPolicyService,
    private readonly outbox: MailOutboxService,
    private readonly users: UserService,
    private readonly config: AppConfig,
    private readonly notifications: NotificationService,
    private readonly attachments: TicketAttachments,
    private readonly tags: TagService,
    private readonly tagRepository: TagRepository,
  ) {}

  /**
   * A customer's reply reopens a solved or pending ticket; an agent's first public reply stops the
   * first-response clock and is e-mailed to the requester; internal notes are staff-only.
   */
  async addMessage(context: RequestContext, ticketId: string, input: ReplyInput, now = this.clock.now()) {
    const viewer = context.actor!;
    const staff = isStaff(viewer.role);
    if (input.internal && !staff) throw internalNoteByCustomer();
    if (input.status && !staff) throw replyStatusByCustomer();
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
    const { message, ticket, attachments } = await this.unitOfWork.run(async (transaction) => {
      const written = await this.write(transaction, request);
      // The files belong to the message (a follow-up's first one, if it opened one): stored with it or not at all.
      const attachments = await this.attachments.insert(
        transaction,
        (request.input.attachments ?? []).map((file) => ({ ...file, messageId: written.message.id })),
      );
      // The requester's copy is written with the reply itself, so it can be neither lost nor sent for a
      // rolled-back reply; a caller who gave no address hears back by phone.
      if (staff && !written.message.internal && written.ticket.requesterEmail)
        await this.emailReply(transaction, written.ticket, written.ticket.requesterEmail, written.message, attachments);
      // A customer's reply is news to whoever handles the ticket, told the same way.
      if (request.author.kind === 'requester') {
        await this.notifications.customerReplied(transaction, written.ticket, request.now);
      }
      await within?.(transaction, {
        ticketId: written.ticket.id,
        number: written.ticket.number,
        messageId: written.message.id,
      });
      return { ...written, attachments };
    });
    // A follow-up opened on a closed ticket names it; a merged duplicate's message simply lands on its ticket.
    const followUpOf = ticket.id !== ticketId ? ticket.followUpOf : null;
    return { message, attachments, ticketId: ticket.id, followUpOf };
  }

  private async write(
    transaction: Transaction,
    request: NewMessage,
  ): Promise<{ message: TicketMessageEntity; ticket: TicketEntity }> {
    const { context, viewer, ticketId, author, input, now } = request;
    const ticket = await this.locked(transaction, viewer, ticketId);
    // A merged duplicate's conversation continues on the ticket it was merged into (an old e-mail thread, say).
    if (ticket.mergedIntoId) return this.write(transaction, { ...request, ticketId: ticket.mergedIntoId });
    if (isFollowUp(ticket, author.kind))
      return this.followUp(transaction, context, ticket, input.body, now, author.userId);
    const internal = Boolean(input.internal);
    const calendar = await this.calendars.calendar(ticket.calendarId, transaction);
    const changes = afterMessage(ticket, { by: author.kind, internal }, now, calendar);
    // "Send as": the status the agent chose, from the state the message left the ticket in.
    if (input.status) Object.assign(changes, agentStatusChange({ ...ticket, ...changes }, input.status, now, calendar));
    const message = await this.tickets.addMessage(transaction, {
      id: randomUUID(),
      ticketId,
      authorId: author.userId,
      authorKind: author.kind,
      body: input.body,
      internal,
      createdAt: new Date(now),
    });
    await this.tickets.update(transaction, ticketId, { ...changes, updatedAt: new Date(now) });
    await this.history.record(
      transaction,
      context,
      ticketId,
      internal ? 'note' : 'reply',
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
    transaction: Transaction,
    context: RequestContext,
    closed: TicketEntity,
    body: string,
    now: number,
    requesterId: string | null,
  ) {
    const subject = followUpSubject(closed.subject);
    const opened = await this.opener.open(
      transaction,
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
        subject,
        body,
        followUpOf: closed.id,
      },
      now,
    );
    await this.history.record(
      transaction,
      context,
      closed.id,
      'follow-up',
      { followUp: opened.id, number: opened.number },
      now,
    );
    // The follow-up is a new ticket: its requester hears its number and promised time, like any inquiry.
    if (closed.requesterEmail) {
      const desk = await this.calendars.calendar('support-hours', transaction);
      await this.outbox.write(
        transaction,
        acknowledgementMail(
          { name: closed.requesterName, email: closed.requesterEmail, language: closed.requesterLanguage },
          {
            id: opened.id,
            number: opened.number,
            subject,
            body,
            openedAt: now,
            firstResponseDueAt: opened.firstResponseDueAt,
          },
          desk.definition,
          this.config.PUBLIC_BASE_URL,
        ),
        acknowledgementKey(opened.id),
      );
    }
    const message = (await this.tickets.firstMessage(transaction, opened.id))!;
    const ticket = (await this.tickets.find(null, opened.id, transaction))!;
    return { message, ticket };
  }

  async update(context: RequestContext, ticketId: string, input: TicketChanges, now = this.clock.now()) {
    return this.unitOfWork.run(async (transaction) => {
      const tags = await this.checked(input, transaction);
      await this.change(transaction, context, ticketId, input, tags, now);
      return (await this.tickets.find(null, ticketId, transaction))!;
    });
  }

  /**
   * The same change on many tickets (the desk's bulk actions). What the request names — the
   * assignee, the group, the tags — is checked once, before any ticket changes; then each ticket
   * changes in its own transaction, so one that cannot (a status its state does not allow, a
   * ticket merged away meanwhile) is reported without holding the others back.
   */
  async bulkUpdate(
    context: RequestContext,
    ticketIds: readonly string[],
    input: TicketChanges,
    now = this.clock.now(),
  ) {
    const tags = await this.checked(input);
    const updated: string[] = [];
    const failed: Array<{ id: string; error: DomainError }> = [];
    for (const id of [...new Set(ticketIds)]) {
      try {
        await this.unitOfWork.run((transaction) => this.change(transaction, context, id, input, tags, now));
        updated.push(id);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        failed.push({ id, error });
      }
    }
    return { updated, failed };
  }

  /**
   * What a change names, checked: only active staff may own a ticket (its SLA mails and internal
   * notes go to them), the group must exist, and the tags it sets (`tags`) or adds (`addTags`) must be
   * on the list — resolved to them (undefined where none are asked).
   */
  private async checked(input: TicketChanges, transaction?: Transaction) {
    if (input.assigneeId) await this.users.requireActiveStaff('assigneeId', [input.assigneeId], transaction);
    if (input.groupId && !(await this.groups.exists(transaction, input.groupId))) throw unknownGroup();
    return {
      set: input.tags ? await this.tags.resolve('tags', input.tags, transaction) : undefined,
      add: input.addTags ? await this.tags.resolve('addTags', input.addTags, transaction) : undefined,
    };
  }

  /** One ticket's change, its inputs already `checked`; recorded as one `update` event. */
  private async change(
    transaction: Transaction,
    context: RequestContext,
    ticketId: string,
    input: TicketChanges,
    tags: { set?: Tag[]; add?: Tag[] },
    now: number,
  ): Promise<void> {
    const ticket = await this.locked(transaction, context.actor!, ticketId);
    const changes: TicketChangeSet = { updatedAt: new Date(now) };
    if (input.status) {
      const calendar = await this.calendars.calendar(ticket.calendarId, transaction);
      Object.assign(changes, agentStatusChange(ticket, input.status, now, calendar));
    }
    if (input.priority && input.priority !== ticket.priority) {
      // On the ticket as the status change left it: a pause that just ended counts.
      const current = { ...ticket, ...changes };
      const targets = await this.policies.targetsFor({ ...current, priority: input.priority }, transaction);
      const calendar = await this.calendars.calendar(targets.calendarId, transaction);
      Object.assign(changes, retargeted(current, input.priority, targets, calendar));
    }
    if (input.assigneeId !== undefined) {
      changes.assigneeId = input.assigneeId;
      if (input.assigneeId !== null && input.assigneeId !== ticket.assigneeId) {
        await this.notifications.assigned(transaction, ticket, input.assigneeId, context.actor!, now);
      }
    }
    if (input.groupId !== undefined) changes.groupId = input.groupId;
    await this.tickets.update(transaction, ticketId, changes);
    const fields = ['status', 'priority', 'assigneeId', 'groupId'] as const;
    const before: Record<string, unknown> = Object.fromEntries(fields.map((field) => [field, ticket[field]]));
    const after: Record<string, unknown> = Object.fromEntries(
      fields.map((field) => [field, field in changes ? changes[field] : ticket[field]]),
    );
    if (tags.set || tags.add) {
      const had = (await this.tagRepository.namesFor([ticketId], transaction)).get(ticketId) ?? [];
      if (tags.set)
        await this.tagRepository.replace(
          transaction,
          ticketId,
          tags.set.map((tag) => tag.id),
        );
      if (tags.add) {
        // Added to what the ticket carries, the tags must still fit (a bulk add reports the ticket that would not).
        const carried = new Set([...(tags.set?.map((tag) => tag.name) ?? had), ...tags.add.map((tag) => tag.name)]);
        if (carried.size > MAX_TAGS_PER_TICKET) throw tooManyTags('addTags', MAX_TAGS_PER_TICKET);
        await this.tagRepository.add(
          transaction,
          ticketId,
          tags.add.map((tag) => tag.id),
        );
      }
      before.tags = had;
      after.tags = (await this.tagRepository.namesFor([ticketId], transaction)).get(ticketId) ?? [];
    }
    await this.history.record(transaction, context, ticketId, 'update', { before, after }, now);
  }

  /**
   * Merges a duplicate into the ticket that keeps the conversation: the duplicate's messages (and
   * their files) join that thread, its requester is named in the history, and it closes pointing
   * there. Both are locked in a fixed order, so two merges of the same pair cannot deadlock.
   */
  async merge(context: RequestContext, duplicateId: string, intoId: string, now = this.clock.now()) {
    return this.unitOfWork.run(async (transaction) => {
      const [first, second] = [duplicateId, intoId].sort();
      const locked = new Map<string, TicketEntity>();
      for (const id of new Set([first!, second!])) locked.set(id, await this.locked(transaction, context.actor!, id));
      const duplicate = locked.get(duplicateId)!;
      const into = locked.get(intoId)!;
      const refusal = mergeRefusal(duplicate, into);
      if (refusal) throw mergeRefused(refusal);
      const movedMessages = await this.tickets.moveMessages(transaction, duplicate.id, into.id);
      const calendar = await this.calendars.calendar(duplicate.calendarId, transaction);
      await this.tickets.update(transaction, duplicate.id, {
        ...(duplicate.status === 'closed' ? {} : statusChange(duplicate, 'closed', now, calendar)),
        mergedIntoId: into.id,
        updatedAt: new Date(now),
      });
      await this.tickets.update(transaction, into.id, { updatedAt: new Date(now) });
      const requester = { name: duplicate.requesterName, email: duplicate.requesterEmail };
      await this.history.record(
        transaction,
        context,
        duplicate.id,
        'merged-into',
        { into: into.id, number: into.number, before: duplicate.status },
        now,
      );
      await this.history.record(
        transaction,
        context,
        into.id,
        'merged-from',
        { from: duplicate.id, number: duplicate.number, movedMessages, requester },
        now,
      );
      return { id: into.id, number: into.number, mergedId: duplicate.id, movedMessages };
    });
  }

  /** A customer marks their own inquiry done: closed from any state, as they see fit. */
  async closeByRequester(context: RequestContext, ticketId: string, now = this.clock.now()) {
    await this.unitOfWork.run(async (transaction) => {
      const ticket = await this.locked(transaction, context.actor!, ticketId);
      if (ticket.status === 'closed') return;
      const calendar = await this.calendars.calendar(ticket.calendarId, transaction);
      await this.tickets.update(transaction, ticketId, {
        ...statusChange(ticket, 'closed', now, calendar),
        updatedAt: new Date(now),
      });
      await this.history.record(
        transaction,
        context,
        ticketId,
        'close',
        { before: ticket.status, by: 'requester' },
        now,
      );
    });
  }

  private async locked(transaction: Transaction, viewer: Principal | null, ticketId: string): Promise<TicketEntity> {
    const ticket = await this.tickets.findForUpdate(viewer, ticketId, transaction);
    if (!ticket) throw ticketNotFound(ticketId);
    return ticket;
  }

  /**
   * The reply by e-mail, threaded in the requester's mail client: `In-Reply-To` names the
   * acknowledgement, `References` it and the replies before this one (those the outbox holds).
   */
  private async emailReply(
    transaction: Transaction,
    ticket: TicketEntity,
    to: string,
    message: TicketMessageEntity,
    files: readonly AttachmentInfo[],
  ) {
    // The files go by id: the outbox reads their bytes when it sends, instead of keeping a copy.
    const { attached, portalOnly } = mailedAttachments(files);
    const mail = renderMail(ticketReplyTemplate, ticket.requesterLanguage, {
      name: ticket.requesterName,
      number: ticket.number,
      subject: ticket.subject,
      body: message.body,
      portalUrl: portalTicketUrl(this.config.PUBLIC_BASE_URL, ticket.id),
      attached: attached.map((file) => file.filename),
      portalOnly: portalOnly.map((file) => file.filename),
    });
    const earlier = await this.tickets.agentRepliesBefore(transaction, ticket.id, message.id);
    const thread = await this.outbox.existingKeys(transaction, [
      acknowledgementKey(ticket.id),
      ...earlier.map(replyMailKey),
    ]);
    const ids = thread.map((key) => `<${this.outbox.messageIdFor(key)}>`);
    const headers = ids.length > 0 ? { 'In-Reply-To': ids[0]!, References: ids.join(' ') } : undefined;
    await this.outbox.write(
      transaction,
      {
        to: [to],
        ...mail,
        ...(headers ? { headers } : {}),
        ...(attached.length
          ? { storedAttachments: attached.map((file) => ({ source: TICKET_ATTACHMENT_SOURCE, id: file.id })) }
          : {}),
      },
      replyMailKey(message.id),
    );
  }
}
