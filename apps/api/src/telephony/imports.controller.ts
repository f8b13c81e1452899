import type { Readable } from 'node:stream';

import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

import { type RequestContext, ValidationFailedError } from '@madoguchi/common';
import { CallQueryService, ImportUploadService, LiveFeedService } from '@madoguchi/telephony';

import { AcceptsSharedSecret, Ctx, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { ImportCreatedResponseDto, ImportListResponseDto, ImportQueryDto, ImportResponseDto } from './telephony.dto';

/** The routes whose bodies reach the handler as a stream (see `streamUploads` in app.factory). */
export const STREAMED_UPLOAD_ROUTES = new Set(['/api/v1/telephony/imports', '/api/v1/telephony/feed']);

/** The request body as the stream it arrives as (see `streamUploads`), or a field problem. */
function streamedBody(request: FastifyRequest): Readable {
  const body = request.body as Readable | undefined;
  if (!body || typeof (body as Partial<Readable>)[Symbol.asyncIterator] !== 'function')
    throw new ValidationFailedError([
      {
        field: 'body',
        messages: ['send the file as the body, with Content-Type text/plain, text/csv or application/octet-stream'],
      },
    ]);
  return body;
}

@ApiTags('telephony')
@ApiBearerAuth()
@Controller('api/v1/telephony')
export class ImportsController {
  constructor(
    private readonly receiver: ImportUploadService,
    private readonly feed: LiveFeedService,
    private readonly queries: CallQueryService,
  ) {}

  @Endpoint({
    response: ImportResponseDto,
    summary:
      'A live Asterisk queue_log feed: a long (chunked) upload whose lines are imported as they arrive, e.g. `tail -F queue_log | curl -T - -H "Authorization: Bearer $PBX_FEED_TOKEN" …`; answers the feed’s import report when the upload ends',
    errors: { 400: 'No body', 401: 'Neither a manager’s sign-in nor PBX_FEED_TOKEN' },
  })
  @Post('feed')
  @HttpCode(200)
  @RequireRole('manager')
  @AcceptsSharedSecret('PBX_FEED_TOKEN')
  @ApiConsumes('text/plain', 'application/octet-stream')
  async liveFeed(@Ctx() context: RequestContext, @Req() request: FastifyRequest): Promise<ImportResponseDto> {
    const job = await this.feed.receive(context, streamedBody(request));
    return this.queries.importReport(job.id);
  }

  @Endpoint({
    response: ImportCreatedResponseDto,
    summary:
      'Upload a PBX log (Asterisk queue_log or Madoguchi call CSV) as the request body; it is stored as it streams in and imported by a job',
    errors: { 400: 'Unknown format or no body', 413: 'Larger than IMPORT_MAX_MB' },
  })
  @Post('imports')
  @HttpCode(202)
  @RequireRole('manager')
  @ApiConsumes('text/plain', 'text/csv', 'application/octet-stream')
  async upload(
    @Ctx() context: RequestContext,
    @Query() query: ImportQueryDto,
    @Req() request: FastifyRequest,
  ): Promise<ImportCreatedResponseDto> {
    const created = await this.receiver.receive(
      context,
      query.format ?? 'asterisk-queue-log',
      streamedBody(request),
      query.fileName ?? null,
    );
    return { id: created.id, status: created.status };
  }

  @Endpoint({ response: ImportListResponseDto, summary: 'The 20 most recent imports with their reports' })
  @Get('imports')
  @RequireRole('manager')
  async list(): Promise<ImportListResponseDto> {
    return { items: await this.queries.recentImports() };
  }

  @Endpoint({
    response: ImportResponseDto,
    summary: 'An import’s status, progress and report',
    errors: { 404: 'No such import' },
  })
  @Get('imports/:id')
  @RequireRole('manager')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ImportResponseDto> {
    return this.queries.importReport(id);
  }
}
