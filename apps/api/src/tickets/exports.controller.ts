import { Readable } from 'node:stream';

import { Controller, ForbiddenException, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';

import { type RequestContext, ValidationFailedError } from '@madoguchi/common';
import { type ExportedTicket, type ExportFormat, TicketExportService } from '@madoguchi/tickets';

import { Ctx } from '../auth/auth.decorators';
import { CSV_OPTIONS } from '../http/csv';
import { Endpoint } from '../http/endpoint.decorator';

const CSV_COLUMNS = [
  'ticketNumber',
  'subject',
  'status',
  'priority',
  'category',
  'requesterName',
  'requesterEmail',
  'ticketCreatedAt',
  'messageAuthor',
  'messageCreatedAt',
  'messageBody',
  'messageAttachments',
];

/** One CSV row per message, each carrying its ticket's columns (a spreadsheet-friendly flat file). */
async function* csvRows(tickets: AsyncGenerator<ExportedTicket>) {
  for await (const ticket of tickets) {
    for (const message of ticket.messages) {
      yield {
        ticketNumber: ticket.number,
        subject: ticket.subject,
        status: ticket.status,
        priority: ticket.priority,
        category: ticket.category,
        requesterName: ticket.requester.name,
        requesterEmail: ticket.requester.email,
        ticketCreatedAt: ticket.createdAt,
        messageAuthor: message.authorKind,
        messageCreatedAt: message.createdAt,
        messageBody: message.body,
        // File names; the JSON export has each file's details and download path.
        messageAttachments: message.attachments.map((file) => file.filename).join('; '),
      };
    }
  }
}

/** A JSON array written element by element. */
async function* jsonArray(tickets: AsyncGenerator<ExportedTicket>) {
  yield '[';
  let first = true;
  for await (const ticket of tickets) {
    yield `${first ? '' : ','}\n${JSON.stringify(ticket)}`;
    first = false;
  }
  yield '\n]\n';
}

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('api/v1/organizations')
export class ExportsController {
  constructor(private readonly exports: TicketExportService) {}

  @Endpoint({
    download: ['text/csv', 'application/json'],
    summary: 'Export an organization’s tickets and public messages, streamed (its contacts; admins for any)',
    errors: { 403: 'Staff other than admins', 404: 'No such organization (or not yours)' },
  })
  @Get(':id/export')
  @ApiQuery({ name: 'format', enum: ['csv', 'json'] })
  async export(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('format') format: string,
    @Res() reply: FastifyReply,
  ) {
    const role = context.actor!.role;
    if (role !== 'customer' && role !== 'admin')
      throw new ForbiddenException('Exports are for the organization’s own contacts and admins.');
    if (format !== 'csv' && format !== 'json')
      throw new ValidationFailedError([{ field: 'format', messages: ['format must be csv or json'] }]);
    const tickets = await this.exports.start(context, id, format as ExportFormat);
    const body =
      format === 'csv'
        ? Readable.from(csvRows(tickets)).pipe(stringify({ ...CSV_OPTIONS, header: true, columns: CSV_COLUMNS }))
        : Readable.from(jsonArray(tickets));
    void reply
      .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="tickets-${id}.${format}"`)
      .send(body);
  }
}
