import { Readable } from 'node:stream';

import { Controller, ForbiddenException, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';

import { CalendarService, formatInZone } from '@madoguchi/business-calendar';
import { Clock, type RequestContext, ValidationFailedError } from '@madoguchi/common';
import { OrganizationService } from '@madoguchi/identity';
import { contentDisposition, type ExportedTicket, type ExportFormat, TicketExportService } from '@madoguchi/tickets';

import { Ctx } from '../auth/auth.decorators';
import { CSV_OPTIONS } from '../http/csv';
import { Endpoint } from '../http/endpoint.decorator';
import { isMessageKey, type Language, LANGUAGES, type MessageKey, translator } from '../i18n/i18n';

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
] as const;

type CsvColumn = (typeof CSV_COLUMNS)[number];

/** `2026-12-01T16:01:37.215+09:00` as a spreadsheet reads a time: `2026-12-01 16:01:37` (already in the support zone). */
const spreadsheetTime = (instant: string | null) => (instant ? instant.slice(0, 19).replace('T', ' ') : '');

/**
 * One CSV row per message, each carrying its ticket's columns (a spreadsheet-friendly flat file).
 * With a reader's language, codes become words and times lose the `T`: for people opening it in
 * Excel; without one, the stable codes and ISO times scripts rely on.
 */
async function* csvRows(tickets: AsyncGenerator<ExportedTicket>, language: Language | null) {
  const t = language ? translator(language) : null;
  const word = (prefix: string, code: string | null) =>
    t && code && isMessageKey(`${prefix}${code}`) ? t(`${prefix}${code}` as MessageKey) : (code ?? '');
  const time = (instant: string | null) => (t ? spreadsheetTime(instant) : (instant ?? ''));
  for await (const ticket of tickets) {
    for (const message of ticket.messages) {
      const row: Record<CsvColumn, string> = {
        ticketNumber: ticket.number,
        subject: ticket.subject,
        status: word('status.', ticket.status),
        priority: word('priority.', ticket.priority),
        category: word('category.', ticket.category),
        requesterName: ticket.requester.name,
        requesterEmail: ticket.requester.email ?? '',
        ticketCreatedAt: time(ticket.createdAt),
        messageAuthor: word('ticket.author.', message.authorKind),
        messageCreatedAt: time(message.createdAt),
        messageBody: message.body,
        // File names; the JSON export has each file's details and download path.
        messageAttachments: message.attachments.map((file) => file.filename).join('; '),
      };
      yield row;
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
  constructor(
    private readonly exports: TicketExportService,
    private readonly organizations: OrganizationService,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
  ) {}

  @Endpoint({
    download: ['text/csv', 'application/json'],
    summary: 'Export an organization’s tickets and public messages, streamed (its contacts; admins for any)',
    errors: { 403: 'Staff other than admins', 404: 'No such organization (or not yours)' },
  })
  @Get(':id/export')
  @ApiQuery({ name: 'format', enum: ['csv', 'json'] })
  @ApiQuery({
    name: 'language',
    enum: ['ja', 'en'],
    required: false,
    description:
      'CSV for people: headers and codes in this language, times as `2026-12-01 16:01:37` (support zone). Without it: the stable codes and ISO times',
  })
  async export(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('format') format: string,
    @Res() reply: FastifyReply,
    @Query('language') language?: string,
  ) {
    const role = context.actor!.role;
    if (role !== 'customer' && role !== 'admin')
      throw new ForbiddenException('Exports are for the organization’s own contacts and admins.');
    if (format !== 'csv' && format !== 'json')
      throw new ValidationFailedError([{ field: 'format', messages: ['format must be csv or json'] }]);
    if (language !== undefined && !LANGUAGES.includes(language as Language))
      throw new ValidationFailedError([{ field: 'language', messages: ['language must be ja or en'] }]);
    const reader = (language as Language | undefined) ?? null;
    const tickets = await this.exports.start(context, id, format as ExportFormat);
    const t = reader ? translator(reader) : null;
    const columns = CSV_COLUMNS.map((key) => ({ key, header: t ? t(`export.column.${key}`) : key }));
    const body =
      format === 'csv'
        ? Readable.from(csvRows(tickets, reader)).pipe(stringify({ ...CSV_OPTIONS, header: true, columns }))
        : Readable.from(jsonArray(tickets));
    const { name } = await this.organizations.get(context.actor!, id);
    const day = formatInZone(this.clock.now(), await this.calendars.timeZone('support-hours')).slice(0, 10);
    void reply
      .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
      .header('content-disposition', contentDisposition(`tickets-${name}-${day}.${format}`))
      .send(body);
  }
}
