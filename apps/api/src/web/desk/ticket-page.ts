import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

import { isStaff, type Principal, type RequestContext } from '@madoguchi/common';
import { UserService } from '@madoguchi/identity';
import {
  AgentGroupService,
  CannedReplyService,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TicketCommandService,
  TicketQueryService,
} from '@madoguchi/tickets';

import { attachmentsOf } from '../../http/uploads';
import type { Language } from '../../i18n/i18n';
import { TicketMessageDto } from '../../tickets/ticket.dto';
import { page, type PageResponse, redirectTo } from '../shared/page';
import { type FormState, freshForm, submitForm } from '../shared/web-form';
import type { TicketPage } from './desk.page-models';

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
  ) {}

  /** Active staff by name and every group: whom a ticket can be handed to. */
  private async assignable(viewer: Principal): Promise<TicketPage['assignable']> {
    const [users, groups] = await Promise.all([this.users.list(viewer), this.groups.list()]);
    return {
      people: users
        .filter((user) => user.active && isStaff(user.role))
        .map(({ id, name }) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'ja')),
      groups: groups.map(({ id, name }) => ({ id, name })),
    };
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
      body: { body: body.body, internal: body.internal === 'true' },
      run: (value) => this.commands.addMessage(context, id, { ...value, attachments: attachmentsOf(request) }),
      // A follow-up to a closed ticket is a new ticket: show that one.
      succeeded: ({ ticketId }) => redirectTo(ticketPath(viewer, ticketId)),
      failed: async (failure) => page(await this.ticket(viewer, id, failure), { status: 400 }),
    });
  }

  async ticket(viewer: Principal, id: string, state: FormState = freshForm()): Promise<TicketPage> {
    const ticket = await this.queries.get(viewer, id);
    const staff = isStaff(viewer.role);
    const staffIds = ticket.messages.flatMap((message) =>
      message.authorKind === 'agent' && message.authorId ? [message.authorId] : [],
    );
    const names = await this.users.staffNames(ticket.assigneeId ? [...staffIds, ticket.assigneeId] : staffIds);
    // A merged duplicate points to the ticket that kept its conversation.
    const mergedInto = ticket.mergedIntoId ? await this.queries.get(viewer, ticket.mergedIntoId) : null;
    return {
      ticket,
      mergedInto: mergedInto && { id: mergedInto.id, number: mergedInto.number },
      staffNames: Object.fromEntries(names),
      staff,
      // Inserted as the customer will read them: the placeholders already filled in for this ticket.
      cannedReplies: staff
        ? await this.canned.filledFor(viewer, {
            'requester.name': ticket.requester.name,
            'ticket.number': ticket.number,
            'ticket.subject': ticket.subject,
            'agent.name': viewer.name,
          })
        : [],
      assignable: staff ? await this.assignable(viewer) : { people: [], groups: [] },
      statuses: TICKET_STATUSES,
      priorities: TICKET_PRIORITIES,
      ...state,
    };
  }
}
