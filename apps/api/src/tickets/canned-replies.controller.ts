import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { RequestContext } from '@madoguchi/common';
import { CannedReplyService } from '@madoguchi/tickets';

import { Ctx, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { CannedReplyDto, CannedReplyListResponseDto, CannedReplyResponseDto } from './canned-reply.dto';

@ApiTags('canned-replies')
@ApiBearerAuth()
@RequireRole('agent')
@Controller('api/v1/canned-replies')
export class CannedRepliesController {
  constructor(private readonly canned: CannedReplyService) {}

  @Endpoint({ response: CannedReplyListResponseDto, summary: 'Shared reply texts (agents)' })
  @Get()
  async list(): Promise<CannedReplyListResponseDto> {
    return { items: (await this.canned.list()).map(({ id, title, body }) => ({ id, title, body })) };
  }

  @Endpoint({
    response: CannedReplyResponseDto,
    summary: 'Add a shared reply text (agents)',
    errors: { 400: 'Invalid fields' },
  })
  @Post()
  async create(@Ctx() context: RequestContext, @Body() body: CannedReplyDto): Promise<CannedReplyResponseDto> {
    const { id, title, body: text } = await this.canned.create(context, body);
    return { id, title, body: text };
  }
}
