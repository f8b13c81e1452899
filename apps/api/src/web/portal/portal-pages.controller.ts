import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import type { Principal, RequestContext } from '@madoguchi/common';
import { TicketCommandService, TicketQueryService } from '@madoguchi/tickets';

import { Ctx, RequireRole } from '../../auth/auth.decorators';
import type { Language } from '../../i18n/i18n';
import type { TicketPage } from '../desk/desk.page-models';
import { TicketPageModels } from '../desk/ticket-page';
import { Page, type PageResponse, ReaderLanguage, redirectTo, Viewer } from '../shared/page';
import type { PortalPage } from './portal.page-models';

type FormBody = Record<string, string | undefined>;

const PORTAL_PAGE_SIZE = 200;

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
  async portal(@Viewer() viewer: Principal): Promise<PortalPage> {
    const { items } = await this.queries.list(viewer, {}, PORTAL_PAGE_SIZE);
    return { tickets: items };
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
  ): Promise<PageResponse<TicketPage>> {
    return this.tickets.reply(viewer, language, context, id, body);
  }

  @Post('tickets/:id/close')
  @RequireRole('customer')
  @Page()
  async close(@Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string) {
    await this.commands.closeByRequester(context, id);
    return redirectTo(`/portal/tickets/${id}`);
  }
}
