import { Injectable } from '@nestjs/common';

import { CalendarService } from '@madoguchi/business-calendar';
import { decodeKeysetCursor, encodeKeysetCursor, isStaff, type Principal } from '@madoguchi/common';

import { attachmentNotFound, ticketNotFound } from '../domain/tickets.errors';
import type { TicketEntity } from '../infrastructure/ticket.entity';
import { TicketCursor, TicketFilter, TicketRepository, TicketSort } from '../infrastructure/ticket.repository';
import { TicketAttachments } from '../infrastructure/ticket-attachments';
import { attachmentViewsByMessage, messageView, ticketView } from './ticket-views';

export function decodeCursor(text: string): TicketCursor | null {
  return decodeKeysetCursor(text);
}

/** The value a sort orders by, for the next page's cursor. */
function sortKeyOf(ticket: TicketEntity, sort: TicketSort): Date {
  if (sort === 'updated') return ticket.updatedAt;
  if (sort === 'due') return ticket.firstRespondedAt === null ? ticket.firstResponseDueAt! : ticket.resolutionDueAt!;
  return ticket.createdAt;
}

/** Reading tickets: staff see all, customers their organization's; customers never see internal notes. */
@Injectable()
export class TicketQueryService {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly calendars: CalendarService,
    private readonly attachments: TicketAttachments,
  ) {}

  /** A page of tickets in the sort's order, and the cursor of the next page (null on the last). */
  async list(
    viewer: Principal,
    filter: TicketFilter,
    limit: number,
    cursor?: TicketCursor,
    sort: TicketSort = 'created',
  ) {
    // Staff see each ticket's tags, read in the same statement; customers never see them.
    const staff = isStaff(viewer.role);
    const rows = staff
      ? await this.tickets.listWithTags(viewer, filter, limit + 1, { after: cursor, sort })
      : (await this.tickets.list(viewer, filter, limit + 1, { after: cursor, sort })).map((ticket) => ({
          ticket,
          tags: undefined,
        }));
    const page = rows.slice(0, limit);
    const zone = await this.zone();
    const last = page[page.length - 1]?.ticket;
    return {
      items: page.map(({ ticket, tags }) => ticketView(ticket, zone, tags)),
      nextCursor:
        rows.length > limit && last
          ? encodeKeysetCursor({ at: sortKeyOf(last, sort).toISOString(), id: last.id })
          : null,
    };
  }

  /** How many tickets a filter matches (the viewer's scope applies). */
  count(viewer: Principal, filter: TicketFilter): Promise<number> {
    return this.tickets.count(viewer, filter);
  }

  /** A ticket's id and number only (a link to it), without its thread. */
  async reference(viewer: Principal, id: string): Promise<{ id: string; number: string }> {
    const ticket = await this.tickets.find(viewer, id);
    if (!ticket) throw ticketNotFound(id);
    return { id: ticket.id, number: ticket.number };
  }

  async get(viewer: Principal, id: string) {
    const staff = isStaff(viewer.role);
    // The thread is read beside the ticket and shown only once the ticket is found in the viewer's
    // scope (another organization's thread is read for nothing, never shown). Staff see the ticket's
    // tags, read in the same statement; customers never see them.
    const [found, messages, files, zone] = await Promise.all([
      staff
        ? this.tickets.findWithTags(viewer, id)
        : this.tickets.find(viewer, id).then((ticket) => ticket && { ticket, tags: undefined }),
      this.tickets.messages(id, { includeInternal: staff }),
      this.attachments.listForTicket(id, { includeInternal: staff }),
      this.zone(),
    ]);
    if (!found) throw ticketNotFound(id);
    const filesOf = attachmentViewsByMessage(files);
    return {
      ...ticketView(found.ticket, zone, found.tags),
      messages: messages.map((message) => ({
        ...messageView(message, zone),
        attachments: filesOf(message.id),
      })),
    };
  }

  /** A file of a message the viewer may see (404 otherwise: another organization's, or on an internal note). */
  async attachment(viewer: Principal, ticketId: string, attachmentId: string) {
    if (!(await this.tickets.find(viewer, ticketId))) throw ticketNotFound(ticketId);
    const file = await this.attachments.read(attachmentId, ticketId, { includeInternal: isStaff(viewer.role) });
    if (!file) throw attachmentNotFound(attachmentId);
    return file;
  }

  private async zone(): Promise<string> {
    return await this.calendars.timeZone('support-hours');
  }
}
