import { Readable } from 'node:stream';

import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';

import { type AuditEntry, AuditFilter, AuditService } from '@madoguchi/audit';

import { RequireRole } from '../auth/auth.decorators';
import { CSV_OPTIONS } from '../http/csv';
import { Endpoint } from '../http/endpoint.decorator';

export class AuditQueryDto {
  @ApiPropertyOptional({ example: 'auth.login.failed' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ example: 'organization' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  targetType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(254)
  targetId?: string;

  @ApiPropertyOptional({ description: 'ISO 8601, inclusive' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601, exclusive' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}

export class AuditPageQueryDto extends AuditQueryDto {
  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[0-9]{1,19}$/, { message: 'cursor must be a nextCursor value from a previous page' })
  cursor?: string;
}

export function auditFilterOf(query: AuditQueryDto): AuditFilter {
  return {
    action: query.action,
    actorId: query.actorId,
    targetType: query.targetType,
    targetId: query.targetId,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
  };
}

export function auditEventView(entry: AuditEntry) {
  return {
    id: entry.id,
    occurredAt: entry.occurredAt.toISOString(),
    actorId: entry.actorId,
    actorEmail: entry.actorEmail,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    summary: entry.summary,
    ip: entry.ip,
    userAgent: entry.userAgent,
    requestId: entry.requestId,
    chainSeq: entry.chainSeq,
    hash: entry.hash,
  };
}

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

  @Get()
  @Endpoint({ summary: 'The audit log, newest first, cursor-paginated (admins)' })
  async list(@Query() query: AuditPageQueryDto) {
    const limit = query.limit ?? 50;
    const entries = await this.audit.list(auditFilterOf(query), limit + 1, query.cursor);
    const page = entries.slice(0, limit);
    return { items: page.map(auditEventView), nextCursor: entries.length > limit ? page[page.length - 1]!.id : null };
  }

  @Get('export.csv')
  @Endpoint({ summary: 'The filtered audit log as CSV, oldest first, streamed (admins)' })
  exportCsv(@Query() query: AuditQueryDto, @Res() reply: FastifyReply): void {
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
