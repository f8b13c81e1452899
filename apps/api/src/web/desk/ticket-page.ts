import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

import { CalendarService, formatDurationForPeople } from '@madoguchi/business-calendar';
import { Clock, isStaff, type Principal, type RequestContext } from '@madoguchi/common';
import { OrganizationService, UserService } from '@madoguchi/identity';
import { CallQueryService } from '@madoguchi/telephony';
import {
  AgentGroupService,
  CannedReplyService,
  phoneDigits,
  slaClocks,
  type SlaClockView,
  TagService,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TicketCommandService,
  type TicketFilter,
  TicketHistoryService,
  TicketQueryService,
} from '@madoguchi/tickets';

import { attachmentsOf } from '../../http/uploads';
import type { Language } from '../../i18n/i18n';
import { TicketMessageDto } from '../../tickets/ticket.dto';
import { page, type PageResponse, redirectTo } from '../shared/page';
import { type FormState, freshForm, submitForm } from '../shared/web-form';
import type { TicketDetail, TicketPage, TicketPanel } from './desk.page-models';

/** How many of the requester's other tickets the side panel lists. */
const OTHER_TICKETS = 5;

/** The filter for a requester's tickets: by address, else by phone number; null when there is neither. */
function sameRequester(requester: { email: string | null; phone: string | null }): TicketFilter | null {
  if (requester.email) return { requesterEmail: requester.email };
  const digits = requester.phone ? phoneDigits(requester.phone) : '';
  return digits ? { requesterPhone: digits } : null;
}

/** Where a ticket's page lives for this viewer: the desk for staff, the portal for customers. */
export function ticketPath(viewer: Principal, id: string): string {
  return isStaff(viewer.role) ? `/desk/tickets/${id}` : `/portal/tickets/${id}`;
}

/** The ticket page, the same for the desk and the portal, seen through the viewer's scope. */
@Injectable()
export class TicketPageModels {
  constructor(
    private readonly queries: TicketQueryService,
    private readonly canned: CannedReplyService,
    private readonly users: UserService,
    private readonly commands: TicketCommandService,
    private readonly groups: AgentGroupService,
    private readonly history: TicketHistoryService,
    private readonly calls: CallQueryService,
    private readonly organizations: OrganizationService,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
    private readonly tags: TagService,
  ) {}

  /**
   * What the staff side panel reads by the ticket's id alone — its calls, its history, the tag list —
   * started with the ticket itself (staff may see every ticket, so nothing waits on the scope check).
   */
  private panelReadsById(ticketId: string) {
    return Promise.all([this.calls.list({ ticketId }, 10), this.history.list(ticketId), this.tags.list()]);
  }

  /**
   * The staff side panel: who asked and what else they asked, both SLA clocks, the calls the ticket
   * came from or was discussed on, and the history of changes (newest first).
   */
  private async panel(
    viewer: Principal,
    ticket: TicketDetail,
    language: Language,
    [calls, history, tags]: Awaited<ReturnType<TicketPageModels['panelReadsById']>>,
  ): Promise<TicketPanel> {
    const requester = sameRequester(ticket.requester);
    const [others, organization, calendar] = await Promise.all([
      // The same address, or — a caller who gave none — the same number.
      requester ? this.queries.list(viewer, requester, OTHER_TICKETS + 1) : { items: [] },
      ticket.organizationId ? this.organizations.get(viewer, ticket.organizationId) : null,
      this.calendars.calendar(ticket.calendarId),
    ]);
    const instant = (value: string | null) => (value ? Date.parse(value) : null);
    const clocks = slaClocks(
      {
        status: ticket.status,
        firstRespondedAt: instant(ticket.firstRespondedAt),
        firstResponseDueAt: Date.parse(ticket.firstResponseDueAt!),
        resolutionDueAt: Date.parse(ticket.resolutionDueAt!),
        solvedAt: instant(ticket.solvedAt),
        closedAt: instant(ticket.closedAt),
      },
      this.clock.now(),
      calendar,
    );
    const told = (view: SlaClockView) => ({
      ...view,
      remaining: view.remainingMs === null ? null : formatDurationForPeople(view.remainingMs, language),
    });
    return {
      organization: organization?.name ?? null,
      otherTickets: others.items
        .filter((other) => other.id !== ticket.id)
        .slice(0, OTHER_TICKETS)
        .map(({ id, number, subject, status }) => ({ id, number, subject, status })),
      calls: calls.items.map(({ id, enteredAt, direction, outcome, agent }) => ({
        id,
        enteredAt,
        direction,
        outcome,
        agent,
      })),
      clocks: { firstResponse: told(clocks.firstResponse), resolution: told(clocks.resolution) },
      history,
      tagList: tags.map((tag) => tag.name),
    };
  }

  /** Active staff by name: whom a ticket can be handed to (and the desk's assignee filter). */
  async assignablePeople(): Promise<Array<{ id: string; name: string }>> {
    const people = await this.users.activeStaff();
    return people.sort((a, b) => a.name.localeCompare(b.name, 'ja'));
  }

  /** Active staff and every group: whom a ticket can be handed to. */
  private async assignable(): Promise<TicketPage['assignable']> {
    const [people, groups] = await Promise.all([this.assignablePeople(), this.groups.list()]);
    return { people, groups: groups.map(({ id, name }) => ({ id, name })) };
  }

  /** A reply (or a staff member's internal note) sent from the ticket page, with the files the request carries. */
  reply(
    viewer: Principal,
    language: Language,
    context: RequestContext,
    id: string,
    body: Record<string, string | undefined>,
    request: FastifyRequest,
  ): Promise<PageResponse<TicketPage>> {
    return submitForm({
      dto: TicketMessageDto,
      language,
      // Staff send a reply "as" a status with its button (返答待ち / 解決済み); the plain button sets none.
      body: { body: body.body, internal: body.internal === 'true', status: body.status },
      run: (value) => this.commands.addMessage(context, id, { ...value, attachments: attachmentsOf(request) }),
      // A follow-up to a closed ticket is a new ticket: show that one.
      succeeded: ({ ticketId }) => redirectTo(ticketPath(viewer, ticketId)),
      failed: async (failure) => page(await this.ticket(viewer, id, failure), { status: 400 }),
    });
  }

  async ticket(
    viewer: Principal,
    id: string,
    state: FormState = freshForm(),
    language: Language = viewer.language,
  ): Promise<TicketPage> {
    const staff = isStaff(viewer.role);
    // The controls' lists and what the panel reads by id need no ticket: they are read while the ticket is.
    const [ticket, assignable, readById] = await Promise.all([
      this.queries.get(viewer, id),
      staff ? this.assignable() : { people: [], groups: [] },
      staff ? this.panelReadsById(id) : null,
    ]);
    // What the page shows besides the thread, read side by side: each part needs only the ticket.
    const [panel, mergedInto, cannedReplies] = await Promise.all([
      readById ? this.panel(viewer, ticket, language, readById) : null,
      // A merged duplicate points to the ticket that kept its conversation.
      ticket.mergedIntoId ? this.queries.reference(viewer, ticket.mergedIntoId) : null,
      // Inserted as the customer will read them: the placeholders already filled in for this ticket.
      staff
        ? this.canned.filledFor(viewer, {
            'requester.name': ticket.requester.name,
            'ticket.number': ticket.number,
            'ticket.subject': ticket.subject,
            'agent.name': viewer.name,
          })
        : [],
    ]);
    // Writers, the assignee and the history's actors are mostly active staff, named already (for
    // staff); the others (former staff, and everyone for a customer's page) are looked up at once.
    const names = new Map(assignable.people.map((person) => [person.id, person.name] as const));
    const actors = [
      ...ticket.messages.flatMap((message) =>
        message.authorKind === 'agent' && message.authorId ? [message.authorId] : [],
      ),
      ...(ticket.assigneeId ? [ticket.assigneeId] : []),
      ...(panel?.history ?? []).flatMap((event) =>
        event.actorId && event.actorId !== ticket.requester.id ? [event.actorId] : [],
      ),
    ];
    const unnamed = [...new Set(actors.filter((actorId) => !names.has(actorId)))];
    if (unnamed.length > 0) for (const [id, name] of await this.users.staffNames(unnamed)) names.set(id, name);
    return {
      ticket,
      mergedInto,
      panel,
      staffNames: Object.fromEntries(names),
      staff,
      cannedReplies,
      assignable,
      statuses: TICKET_STATUSES,
      priorities: TICKET_PRIORITIES,
      ...state,
    };
  }
}
