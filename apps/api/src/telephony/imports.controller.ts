import type { Readable } from 'node:stream';

import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

import { type RequestContext, ValidationFailedError } from '@madoguchi/common';
import { CallQueries, ReceiveImportUseCase } from '@madoguchi/telephony';

import { Ctx, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { ImportQueryDto } from './telephony.dto';

/** The routes whose bodies reach the handler as a stream (see `streamUploads` in app.factory). */
export const STREAMED_UPLOAD_ROUTES = new Set(['/api/v1/telephony/imports']);

@ApiTags('telephony')
@ApiBearerAuth()
@Controller('api/v1/telephony/imports')
export class ImportsController {
  constructor(
    private readonly receiver: ReceiveImportUseCase,
    private readonly queries: CallQueries,
  ) {}

  @Post()
  @HttpCode(202)
  @RequireRole('manager')
  @ApiConsumes('text/plain', 'text/csv', 'application/octet-stream')
  @Endpoint({
    summary:
      'Upload a PBX log (Asterisk queue_log or Madoguchi call CSV) as the request body; it is stored as it streams in and imported by a job',
    errors: { 400: 'Unknown format or no body', 413: 'Larger than IMPORT_MAX_MB' },
  })
  async upload(@Ctx() context: RequestContext, @Query() query: ImportQueryDto, @Req() request: FastifyRequest) {
    const body = request.body as Readable | undefined;
    if (!body || typeof (body as Partial<Readable>)[Symbol.asyncIterator] !== 'function')
      throw new ValidationFailedError([
        {
          field: 'body',
          messages: ['send the file as the body, with Content-Type text/plain, text/csv or application/octet-stream'],
        },
      ]);
    const created = await this.receiver.receive(
      context,
      query.format ?? 'asterisk-queue-log',
      body,
      query.fileName ?? null,
    );
    return { id: created.id, status: created.status };
  }

  @Get()
  @RequireRole('manager')
  @Endpoint({ summary: 'The 20 most recent imports with their reports' })
  async list() {
    return { items: await this.queries.recentImports() };
  }

  @Get(':id')
  @RequireRole('manager')
  @Endpoint({ summary: 'An import’s status, progress and report', errors: { 404: 'No such import' } })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.queries.importReport(id);
  }
}
