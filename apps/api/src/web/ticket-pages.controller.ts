import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { CalendarService } from '@madoguchi/business-calendar';
import { Clock, isStaff, type Principal } from '@madoguchi/common';
import {
  AgentGroupService,
  CannedReplyService,
  INQUIRY_CATEGORIES,
  slaBadge,
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TicketCommandService,
  TicketQueryService,
  type TicketStatus,
} from '@madoguchi/tickets';

import { RequireRole } from '../auth/auth.decorators';
import { AuthenticatedRequest, requestContextOf } from '../auth/auth-request';
import { TicketMessageDto, UpdateTicketDto } from '../tickets/ticket.dto';
import { PageResponder } from './page-responder';
import { FormFailure, submitForm } from './web-form';

type FormBody = Record<string, string | undefined>;

const OPEN_STATUSES: TicketStatus[] = ['new', 'open', 'pending'];
const QUEUES = ['mine', 'groups', 'unassigned', 'open'] as const;
const DESK_PAGE_SIZE = 100;
type DeskQueue = (typeof QUEUES)[number];

/** Business time left as `2h 30m` (or `0m`), for the SLA badge. */
function formatRemaining(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours}h ${minutes % 60}m` : `${minutes}m`;
}

/** Where a ticket's page lives for this viewer: the desk for staff, the portal for customers. */
function ticketPath(viewer: Principal, id: string): string {
  return isStaff(viewer.role) ? `/desk/tickets/${id}` : `/portal/tickets/${id}`;
}

/** The agent desk and the customer portal: the same tickets, seen through each role's scope. */
@ApiExcludeController()
@Controller()
export class TicketPagesController {
  constructor(
    private readonly pages: PageResponder,
    private readonly queries: TicketQueryService,
    private readonly commands: TicketCommandService,
    private readonly canned: CannedReplyService,
    private readonly clock: Clock,
    private readonly groups: AgentGroupService,
    private readonly calendars: CalendarService,
  ) {}

  @Get('desk')
  @RequireRole('agent')
  async desk(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Query() query: Record<string, string | undefined>,
  ) {
    const viewer = request.auth!.principal;
    const current: DeskQueue = QUEUES.includes(query.queue as DeskQueue) ? (query.queue as DeskQueue) : 'open';
    const search = query.q?.trim().slice(0, 100) || undefined;
    // Unknown filter values are ignored rather than refused: this is a page, not the API.
    const pick = (value: string | undefined, allowed: readonly string[]) =>
      value && allowed.includes(value) ? value : undefined;
    const filters = {
      priority: pick(query.priority, TICKET_PRIORITIES),
      category: pick(query.category, INQUIRY_CATEGORIES),
      channel: pick(query.channel, TICKET_CHANNELS),
    };
    const filter = {
      statuses: OPEN_STATUSES,
      assigneeId: current === 'mine' ? viewer.userId : undefined,
      unassigned: current === 'unassigned',
      groupIds: current === 'groups' ? await this.groups.groupIdsOf(viewer.userId) : undefined,
      search,
      ...filters,
    };
    const { items } = await this.queries.list(viewer, filter, DESK_PAGE_SIZE, undefined, 'due');
    const now = this.clock.now();
    const rows = await Promise.all(
      items.map(async (ticket) => {
        const badge = slaBadge(
          {
            status: ticket.status,
            firstRespondedAt: ticket.firstRespondedAt ? Date.parse(ticket.firstRespondedAt) : null,
            firstResponseDueAt: Date.parse(ticket.firstResponseDueAt!),
            resolutionDueAt: Date.parse(ticket.resolutionDueAt!),
          },
          now,
          await this.calendars.calendar(ticket.calendarId),
        );
        return {
          ...ticket,
          dueAt: badge.dueAt,
          overdue: badge.overdue,
          remaining: badge.remainingMs === null ? null : formatRemaining(badge.remainingMs),
        };
      }),
    );
    return this.pages.render(request, reply, 'desk', {
      rows,
      queues: QUEUES,
      current,
      search: search ?? '',
      filters,
      options: { priority: TICKET_PRIORITIES, category: INQUIRY_CATEGORIES, channel: TICKET_CHANNELS },
    });
  }

  @Get('portal')
  @RequireRole('customer')
  async portal(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const { items } = await this.queries.list(request.auth!.principal, {}, 200);
    return this.pages.render(request, reply, 'portal', { tickets: items });
  }

  @Get(['desk/tickets/:id', 'portal/tickets/:id'])
  async ticket(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.renderTicket(request, reply, id, {});
  }

  @Post(['desk/tickets/:id/messages', 'portal/tickets/:id/messages'])
  async reply(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    const viewer = request.auth!.principal;
    return submitForm({
      dto: TicketMessageDto,
      body: { body: body.body, internal: body.internal === 'true' },
      run: (value) => this.commands.addMessage(requestContextOf(request), id, value),
      // A follow-up to a closed ticket is a new ticket: show that one.
      succeeded: ({ ticketId }) => reply.redirect(ticketPath(viewer, ticketId), 303),
      failed: (failure) => this.renderTicket(request, reply, id, failure, 400),
    });
  }

  @Post('desk/tickets/:id')
  @RequireRole('agent')
  async update(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    const viewer = request.auth!.principal;
    const changes =
      body.assign === 'me' ? { assigneeId: viewer.userId } : { status: body.status, priority: body.priority };
    return submitForm({
      dto: UpdateTicketDto,
      body: changes,
      run: (value) => this.commands.update(requestContextOf(request), id, value),
      succeeded: () => reply.redirect(ticketPath(viewer, id), 303),
      failed: (failure) => this.renderTicket(request, reply, id, failure, 400),
    });
  }

  @Post('portal/tickets/:id/close')
  @RequireRole('customer')
  async close(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    await this.commands.closeByRequester(requestContextOf(request), id);
    return reply.redirect(`/portal/tickets/${id}`, 303);
  }

  /** The ticket page: thread, and for staff the canned replies and controls; `extra` carries a refused form. */
  private async renderTicket(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    id: string,
    extra: Partial<FormFailure>,
    status = 200,
  ) {
    const viewer = request.auth!.principal;
    const ticket = await this.queries.get(viewer, id);
    const staff = isStaff(viewer.role);
    return this.pages.render(
      request,
      reply,
      'ticket',
      {
        ticket,
        staff,
        cannedReplies: staff ? await this.canned.list() : [],
        statuses: TICKET_STATUSES,
        priorities: TICKET_PRIORITIES,
        form: {},
        errors: {},
        ...extra,
      },
      status,
    );
  }
}
