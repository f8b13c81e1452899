import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import { decodeKeysetCursor, type RequestContext, ValidationFailedError } from '@madoguchi/common';
import { CallLogService, CallQueryService } from '@madoguchi/telephony';

import { Ctx, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import {
  CallListQueryDto,
  CallPageResponseDto,
  CallResponseDto,
  LinkCallDto,
  LogCallDto,
  TicketFromCallDto,
  TicketFromCallResponseDto,
} from './telephony.dto';

@ApiTags('telephony')
@ApiBearerAuth()
@Controller('api/v1/telephony/calls')
export class CallsController {
  constructor(
    private readonly queries: CallQueryService,
    private readonly log: CallLogService,
  ) {}

  @Endpoint({
    response: CallPageResponseDto,
    summary: 'Calls in the order they entered the queue, with filters; cursor-paginated',
  })
  @Get()
  @RequireRole('agent')
  list(@Query() query: CallListQueryDto): Promise<CallPageResponseDto> {
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

  @Endpoint({ response: CallResponseDto, summary: 'One call', errors: { 404: 'No such call' } })
  @Get(':id')
  @RequireRole('agent')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<CallResponseDto> {
    return this.queries.get(id);
  }

  @Endpoint({
    response: CallResponseDto,
    summary: 'Log a call by hand (one the PBX did not record, or an outbound call)',
    errors: { 400: 'Invalid fields', 404: 'No such ticket', 422: 'Starts in the future' },
  })
  @Post()
  @RequireRole('agent')
  logCall(@Ctx() context: RequestContext, @Body() body: LogCallDto): Promise<CallResponseDto> {
    return this.log.log(context, { ...body, startedAt: new Date(body.startedAt) });
  }

  @Endpoint({
    response: CallResponseDto,
    summary: 'Link a call to a ticket (or unlink it)',
    errors: { 404: 'No such call or ticket' },
  })
  @Patch(':id')
  @RequireRole('agent')
  link(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: LinkCallDto,
  ): Promise<CallResponseDto> {
    return this.log.linkTicket(context, id, body.ticketId);
  }

  @Endpoint({
    response: TicketFromCallResponseDto,
    summary: 'Create a ticket (channel phone) from this call and link them',
    errors: { 404: 'No such call', 409: 'The call already has a ticket' },
  })
  @Post(':id/ticket')
  @RequireRole('agent')
  createTicket(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: TicketFromCallDto,
  ): Promise<TicketFromCallResponseDto> {
    return this.log.createTicket(context, id, body);
  }
}
