import { Readable } from 'node:stream';

import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';

import { type AuditFilter, AuditService } from '@madoguchi/audit';
import type { RequestContext } from '@madoguchi/common';

import { Ctx, RequireRole } from '../auth/auth.decorators';
import { CSV_OPTIONS } from '../http/csv';
import { Endpoint } from '../http/endpoint.decorator';
import {
  AuditEventPageResponseDto,
  auditEventView,
  auditFilterOf,
  AuditPageQueryDto,
  AuditQueryDto,
} from './audit.dto';

const CSV_COLUMNS = [
  'id',
  'occurredAt',
  'actorId',
  'actorEmail',
  'action',
  'targetType',
  'targetId',
  'summary',
  'ip',
  'userAgent',
  'requestId',
  'chainSeq',
  'hash',
];

@ApiTags('audit')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/v1/audit-events')
export class AuditEventsController {
  constructor(private readonly audit: AuditService) {}

  @Endpoint({ response: AuditEventPageResponseDto, summary: 'The audit log, newest first, cursor-paginated (admins)' })
  @Get()
  async list(@Query() query: AuditPageQueryDto): Promise<AuditEventPageResponseDto> {
    const limit = query.limit ?? 50;
    const entries = await this.audit.list(auditFilterOf(query), limit + 1, query.cursor);
    const page = entries.slice(0, limit);
    return { items: page.map(auditEventView), nextCursor: entries.length > limit ? page[page.length - 1]!.id : null };
  }

  @Endpoint({ download: 'text/csv', summary: 'The filtered audit log as CSV, oldest first, streamed (admins)' })
  @Get('export.csv')
  async exportCsv(
    @Ctx() context: RequestContext,
    @Query() query: AuditQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // Reading the log is itself an operation the log keeps.
    await this.audit.recordOnItsOwn(context, {
      action: 'audit.export',
      targetType: 'audit',
      summary: { filter: query },
    });
    const rows = Readable.from(this.csvRows(auditFilterOf(query)));
    const csv = rows.pipe(stringify({ ...CSV_OPTIONS, header: true, columns: CSV_COLUMNS }));
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="audit-events.csv"')
      .send(csv);
  }

  private async *csvRows(filter: AuditFilter) {
    for await (const entry of this.audit.stream(filter)) {
      const view = auditEventView(entry);
      yield { ...view, summary: JSON.stringify(view.summary) };
    }
  }
}
