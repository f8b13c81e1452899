import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { Principal, RequestContext } from '@madoguchi/common';
import { CannedReplyService } from '@madoguchi/tickets';

import { Ctx, CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import {
  CannedReplyDto,
  CannedReplyListResponseDto,
  CannedReplyResponseDto,
  NewCannedReplyDto,
} from './canned-reply.dto';

const SHARED_BY_MANAGERS = '`canned-reply.shared-by-managers`: an agent adding or changing a shared reply';

@ApiTags('canned-replies')
@ApiBearerAuth()
@RequireRole('agent')
@Controller('api/v1/canned-replies')
export class CannedRepliesController {
  constructor(private readonly canned: CannedReplyService) {}

  @Endpoint({ response: CannedReplyListResponseDto, summary: 'The shared reply texts and your own (agents)' })
  @Get()
  async list(@CurrentPrincipal() viewer: Principal): Promise<CannedReplyListResponseDto> {
    return { items: await this.canned.list(viewer) };
  }

  @Endpoint({
    response: CannedReplyResponseDto,
    summary: 'Add a reply text: your own (`personal`), or a shared one (managers)',
    errors: { 400: 'Invalid fields', 403: SHARED_BY_MANAGERS },
  })
  @Post()
  create(@Ctx() context: RequestContext, @Body() body: NewCannedReplyDto): Promise<CannedReplyResponseDto> {
    return this.canned.create(context, body);
  }

  @Endpoint({
    response: CannedReplyResponseDto,
    summary: 'Change a reply text (yours, or a shared one as a manager)',
    errors: { 400: 'Invalid fields', 403: SHARED_BY_MANAGERS, 404: '`canned-reply.not-found`' },
  })
  @Patch(':id')
  update(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CannedReplyDto,
  ): Promise<CannedReplyResponseDto> {
    return this.canned.update(context, id, body);
  }

  @Endpoint({
    summary: 'Delete a reply text (yours, or a shared one as a manager)',
    errors: { 403: SHARED_BY_MANAGERS, 404: '`canned-reply.not-found`' },
  })
  @Delete(':id')
  @HttpCode(204)
  async delete(@Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.canned.delete(context, id);
  }
}
