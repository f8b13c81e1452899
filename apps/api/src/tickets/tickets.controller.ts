import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { type Principal, type RequestContext, ValidationFailedError } from '@madoguchi/common';
import {
  type AttachmentFile,
  contentDisposition,
  decodeCursor,
  ReplyPresenceService,
  servedContentType,
  TicketCommandService,
  TicketQueryService,
  type TicketStatus,
} from '@madoguchi/tickets';

import { Ctx, CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { UploadedAttachments } from '../http/uploads';
import {
  BulkUpdateResponseDto,
  BulkUpdateTicketsDto,
  MergedTicketResponseDto,
  MergeTicketDto,
  MessageCreatedResponseDto,
  ReplyingResponseDto,
  TicketDetailResponseDto,
  TicketListQueryDto,
  TicketMessageDto,
  TicketPageResponseDto,
  UpdateTicketDto,
} from './ticket.dto';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('api/v1/tickets')
export class TicketsController {
  constructor(
    private readonly queries: TicketQueryService,
    private readonly commands: TicketCommandService,
    private readonly presence: ReplyPresenceService,
  ) {}

  @Endpoint({
    response: TicketPageResponseDto,
    summary: 'Tickets, newest first (agents: all; customers: their organization’s), cursor-paginated',
  })
  @Get()
  list(@CurrentPrincipal() viewer: Principal, @Query() query: TicketListQueryDto): Promise<TicketPageResponseDto> {
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    if (cursor === null)
      throw new ValidationFailedError([
        { field: 'cursor', messages: ['cursor must be a nextCursor value from a previous page'] },
      ]);
    const filter = {
      statuses: query.status?.split(',') as TicketStatus[] | undefined,
      assigneeId: query.assigneeId,
      unassigned: query.unassigned === 'true',
      groupIds: query.groupId ? [query.groupId] : undefined,
      organizationIds: query.organizationId ? [query.organizationId] : undefined,
      priority: query.priority,
      category: query.category,
      channel: query.channel,
      tag: query.tag,
      search: query.q,
    };
    return this.queries.list(viewer, filter, query.limit ?? 50, cursor, query.sort ?? 'created');
  }

  @Endpoint({
    response: TicketDetailResponseDto,
    summary: 'One ticket with its thread (internal notes for staff only)',
    errors: { 404: 'No such ticket (or not yours)' },
  })
  @Get(':id')
  get(@CurrentPrincipal() viewer: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<TicketDetailResponseDto> {
    return this.queries.get(viewer, id);
  }

  @Endpoint({
    download: '*/*',
    summary: 'Download a file that came with a message (always as a download; active content as bytes)',
    errors: { 404: 'No such ticket or file (or not yours)' },
  })
  @Get(':id/attachments/:attachmentId')
  async attachment(
    @CurrentPrincipal() viewer: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const file = await this.queries.attachment(viewer, id, attachmentId);
    reply
      .header('content-type', servedContentType(file.contentType))
      .header('content-disposition', contentDisposition(file.filename))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "sandbox; default-src 'none'");
    return file.content;
  }

  @Endpoint({
    response: MessageCreatedResponseDto,
    summary:
      'Reply (e-mailed to the requester when an agent writes), add an internal note (staff), or — a customer on a closed ticket — open a follow-up. As multipart/form-data, the same fields plus files (`files`, as for inquiries)',
    errors: { 404: 'No such ticket (or not yours)', 422: 'The ticket is closed (staff)' },
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @Post(':id/messages')
  async addMessage(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: TicketMessageDto,
    @UploadedAttachments() files: AttachmentFile[],
  ): Promise<MessageCreatedResponseDto> {
    const { message, ticketId, followUpOf, attachments } = await this.commands.addMessage(context, id, {
      ...body,
      attachments: files,
    });
    // On a closed ticket a customer's message opens a follow-up: ticketId then names the new ticket.
    return {
      id: message.id,
      ticketId,
      followUpOf,
      internal: message.internal,
      createdAt: message.createdAt.toISOString(),
      attachments: attachments.map(({ id, filename, contentType, size }) => ({ id, filename, contentType, size })),
    };
  }

  @Endpoint({
    response: MergedTicketResponseDto,
    summary:
      'Merge this duplicate into another ticket (agents): its messages join that thread, and it closes pointing there',
    errors: {
      404: 'No such ticket',
      422: '`ticket.merge-same`, `ticket.merge-merged`, `ticket.merge-closed` (into a closed ticket), `ticket.merge-other-organization`',
    },
  })
  @Post(':id/merge')
  @HttpCode(200)
  @RequireRole('agent')
  merge(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MergeTicketDto,
  ): Promise<MergedTicketResponseDto> {
    return this.commands.merge(context, id, body.intoId);
  }

  @Endpoint({
    response: BulkUpdateResponseDto,
    summary:
      'The same change on up to 100 tickets (agents): status, priority, assignee, group, tags added. The assignee, group and tags are checked first (422 changes nothing); then each ticket changes by itself, and one that cannot is listed in `failed`',
    errors: { 422: 'The assignee is not active staff, no such group, or a tag not on the list' },
  })
  @Post('bulk')
  @HttpCode(200)
  @RequireRole('agent')
  async bulkUpdate(@Ctx() context: RequestContext, @Body() body: BulkUpdateTicketsDto): Promise<BulkUpdateResponseDto> {
    const { ids, ...changes } = body;
    const { updated, failed } = await this.commands.bulkUpdate(context, ids, changes);
    return { updated, failed: failed.map(({ id, error }) => ({ id, code: error.code, detail: error.message })) };
  }

  @Endpoint({
    summary: 'Heartbeat: I am writing a reply on this ticket (send every ~10 s while typing)',
    errors: { 404: 'No such ticket' },
  })
  @Post(':id/replying')
  @RequireRole('agent')
  @HttpCode(204)
  async replying(@CurrentPrincipal() viewer: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.presence.beat(viewer, id);
  }

  @Endpoint({
    response: ReplyingResponseDto,
    summary: 'Who else is writing a reply on this ticket right now',
    errors: { 404: 'No such ticket' },
  })
  @Get(':id/replying')
  @RequireRole('agent')
  async othersReplying(
    @CurrentPrincipal() viewer: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ReplyingResponseDto> {
    const others = await this.presence.others(viewer, id);
    return { replying: others.map((o) => ({ userId: o.userId, name: o.name, since: o.since.toISOString() })) };
  }

  @Endpoint({
    response: TicketDetailResponseDto,
    summary: 'Change status, priority, assignee, group or tags (agents)',
    errors: {
      404: 'No such ticket',
      422: 'Status change not allowed, the assignee is not an active agent, manager or admin (field assigneeId), or a tag is not on the list (field tags)',
    },
  })
  @Patch(':id')
  @RequireRole('agent')
  async update(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateTicketDto,
  ): Promise<TicketDetailResponseDto> {
    await this.commands.update(context, id, body);
    return this.queries.get(context.actor!, id);
  }
}
