import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

import type { Principal, RequestContext } from '@madoguchi/common';
import { decodeCursor, TicketCommandService, TicketQueryService, type TicketStatus } from '@madoguchi/tickets';

import { Ctx, RequireRole } from '../../auth/auth.decorators';
import type { Language } from '../../i18n/i18n';
import type { TicketPage } from '../desk/desk.page-models';
import { TicketPageModels } from '../desk/ticket-page';
import { Page, type PageResponse, ReaderLanguage, redirectTo, Viewer } from '../shared/page';
import { PORTAL_STATES, type PortalPage, type PortalState } from './portal.page-models';

type FormBody = Record<string, string | undefined>;

const PORTAL_PAGE_SIZE = 25;

const STATE_STATUSES: Record<PortalState, TicketStatus[] | undefined> = {
  open: ['new', 'open', 'pending'],
  done: ['solved', 'closed'],
  all: undefined,
};

/** The address of the portal list's page after `after`, with the same filters. */
function portalLink(filters: PortalPage['filters'], after: string): string {
  const query = new URLSearchParams({ state: filters.state });
  if (filters.mine) query.set('mine', '1');
  if (filters.q) query.set('q', filters.q);
  query.set('after', after);
  return `/portal?${query}`;
}

/**
 * The customer portal: the organization's tickets, each thread, replying and closing. A ticket's
 * page opens for any signed-in viewer (staff following a customer's link see it as on the desk).
 */
@ApiExcludeController()
@Controller('portal')
export class PortalPagesController {
  constructor(
    private readonly queries: TicketQueryService,
    private readonly commands: TicketCommandService,
    private readonly tickets: TicketPageModels,
  ) {}

  @Get()
  @RequireRole('customer')
  @Page('portal/portal')
  async portal(@Viewer() viewer: Principal, @Query() query: Record<string, string | undefined>): Promise<PortalPage> {
    // Unknown values fall back to the defaults: this is a page, not the API.
    const state: PortalState = PORTAL_STATES.includes(query.state as PortalState)
      ? (query.state as PortalState)
      : 'open';
    const mine = query.mine === '1';
    const q = query.q?.trim().slice(0, 100) ?? '';
    const cursor = query.after ? (decodeCursor(query.after) ?? undefined) : undefined;
    const { items, nextCursor } = await this.queries.list(
      viewer,
      { statuses: STATE_STATUSES[state], requesterId: mine ? viewer.userId : undefined, search: q || undefined },
      PORTAL_PAGE_SIZE,
      cursor,
    );
    const filters = { state, mine, q };
    return {
      tickets: items,
      filters,
      states: PORTAL_STATES,
      next: nextCursor ? portalLink(filters, nextCursor) : null,
    };
  }

  @Get('tickets/:id')
  @Page('desk/ticket')
  ticket(@Viewer() viewer: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<TicketPage> {
    return this.tickets.ticket(viewer, id);
  }

  @Post('tickets/:id/messages')
  @Page('desk/ticket')
  reply(
    @Viewer() viewer: Principal,
    @ReaderLanguage() language: Language,
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
  ): Promise<PageResponse<TicketPage>> {
    return this.tickets.reply(viewer, language, context, id, body, request);
  }

  @Post('tickets/:id/close')
  @RequireRole('customer')
  @Page()
  async close(@Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string) {
    await this.commands.closeByRequester(context, id);
    return redirectTo(`/portal/tickets/${id}`);
  }
}
