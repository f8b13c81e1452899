import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

import type { RequestContext } from '@madoguchi/common';
import { CannedReplyService } from '@madoguchi/tickets';

import { Ctx, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { Trim } from '../http/trim.decorator';

export class CannedReplyDto {
  @ApiProperty({ example: 'パスワード再設定の案内' })
  @Trim()
  @IsString()
  @Length(1, 100)
  title!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 20_000)
  body!: string;
}

@ApiTags('canned-replies')
@ApiBearerAuth()
@RequireRole('agent')
@Controller('api/v1/canned-replies')
export class CannedRepliesController {
  constructor(private readonly canned: CannedReplyService) {}

  @Get()
  @Endpoint({ summary: 'Shared reply texts (agents)' })
  async list() {
    return { items: (await this.canned.list()).map(({ id, title, body }) => ({ id, title, body })) };
  }

  @Post()
  @Endpoint({ summary: 'Add a shared reply text (agents)', errors: { 400: 'Invalid fields' } })
  async create(@Ctx() context: RequestContext, @Body() body: CannedReplyDto) {
    const { id, title, body: text } = await this.canned.create(context, body);
    return { id, title, body: text };
  }
}
