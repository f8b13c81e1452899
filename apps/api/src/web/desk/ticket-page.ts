import { Injectable } from '@nestjs/common';

import { isStaff, type Principal } from '@madoguchi/common';
import { UserService } from '@madoguchi/identity';
import { CannedReplyService, TICKET_PRIORITIES, TICKET_STATUSES, TicketQueryService } from '@madoguchi/tickets';

import { type FormState, freshForm } from '../shared/web-form';
import type { TicketPage } from './desk.page-models';

/** Where a ticket's page lives for this viewer: the desk for staff, the portal for customers. */
export function ticketPath(viewer: Principal, id: string): string {
  return isStaff(viewer.role) ? `/desk/tickets/${id}` : `/portal/tickets/${id}`;
}

/** The ticket page's model, the same for the desk and the portal, seen through the viewer's scope. */
@Injectable()
export class TicketPageModels {
  constructor(
    private readonly queries: TicketQueryService,
    private readonly canned: CannedReplyService,
    private readonly users: UserService,
  ) {}

  async ticket(viewer: Principal, id: string, state: FormState = freshForm()): Promise<TicketPage> {
    const ticket = await this.queries.get(viewer, id);
    const staff = isStaff(viewer.role);
    const staffIds = ticket.messages.flatMap((message) =>
      message.authorKind === 'agent' && message.authorId ? [message.authorId] : [],
    );
    const names = await this.users.staffNames(ticket.assigneeId ? [...staffIds, ticket.assigneeId] : staffIds);
    return {
      ticket,
      staffNames: Object.fromEntries(names),
      staff,
      cannedReplies: staff ? await this.canned.list() : [],
      statuses: TICKET_STATUSES,
      priorities: TICKET_PRIORITIES,
      ...state,
    };
  }
}
