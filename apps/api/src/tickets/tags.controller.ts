import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { RequestContext } from '@madoguchi/common';
import { TagService } from '@madoguchi/tickets';

import { Ctx, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { TagDto, TagListResponseDto, TagResponseDto } from './tag.dto';

@ApiTags('tags')
@ApiBearerAuth()
@Controller('api/v1/tags')
export class TagsController {
  constructor(private readonly tags: TagService) {}

  @Endpoint({ response: TagListResponseDto, summary: 'The tag list tickets are tagged from, by name' })
  @Get()
  @RequireRole('agent')
  async list(): Promise<TagListResponseDto> {
    return { items: await this.tags.list() };
  }

  @Endpoint({
    response: TagResponseDto,
    summary: 'Add a tag to the list (managers)',
    errors: { 400: 'Invalid name', 409: 'A tag of that name exists (case aside)' },
  })
  @Post()
  @RequireRole('manager')
  create(@Ctx() context: RequestContext, @Body() body: TagDto): Promise<TagResponseDto> {
    return this.tags.create(context, body.name);
  }

  @Endpoint({ summary: 'Take a tag off the list and off every ticket (managers)', errors: { 404: 'No such tag' } })
  @Delete(':id')
  @HttpCode(204)
  @RequireRole('manager')
  async delete(@Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.tags.delete(context, id);
  }
}
