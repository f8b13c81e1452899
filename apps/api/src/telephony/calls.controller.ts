import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import { decodeKeysetCursor, type RequestContext, ValidationFailedError } from '@madoguchi/common';
import { CallLogService, CallQueryService } from '@madoguchi/telephony';

import { Ctx, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { CallListQueryDto, LinkCallDto, LogCallDto, TicketFromCallDto } from './telephony.dto';

@ApiTags('telephony')
@ApiBearerAuth()
@Controller('api/v1/telephony/calls')
export class CallsController {
  constructor(
    private readonly queries: CallQueryService,
    private readonly log: CallLogService,
  ) {}

  @Get()
  @RequireRole('agent')
  @Endpoint({ summary: 'Calls in the order they entered the queue, with filters; cursor-paginated' })
  list(@Query() query: CallListQueryDto) {
    const cursor = query.cursor ? decodeKeysetCursor(query.cursor) : undefined;
    if (cursor === null)
      throw new ValidationFailedError([
        { field: 'cursor', messages: ['cursor must be a nextCursor value from a previous page'] },
      ]);
    const filter = {
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      outcome: query.outcome,
      agent: query.agent,
      direction: query.direction,
      ticketId: query.ticketId,
    };
    return this.queries.list(filter, query.limit ?? 50, cursor);
  }

  @Get(':id')
  @RequireRole('agent')
  @Endpoint({ summary: 'One call', errors: { 404: 'No such call' } })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.queries.get(id);
  }

  @Post()
  @RequireRole('agent')
  @Endpoint({
    summary: 'Log a call by hand (one the PBX did not record, or an outbound call)',
    errors: { 400: 'Invalid fields', 404: 'No such ticket', 422: 'Starts in the future' },
  })
  logCall(@Ctx() context: RequestContext, @Body() body: LogCallDto) {
    return this.log.log(context, { ...body, startedAt: new Date(body.startedAt) });
  }

  @Patch(':id')
  @RequireRole('agent')
  @Endpoint({ summary: 'Link a call to a ticket (or unlink it)', errors: { 404: 'No such call or ticket' } })
  link(@Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() body: LinkCallDto) {
    return this.log.linkTicket(context, id, body.ticketId);
  }

  @Post(':id/ticket')
  @RequireRole('agent')
  @Endpoint({
    summary: 'Create a ticket (channel phone) from this call and link them',
    errors: { 404: 'No such call', 409: 'The call already has a ticket' },
  })
  createTicket(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: TicketFromCallDto,
  ) {
    return this.log.createTicket(context, id, body);
  }
}
