import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, IsUUID, Length } from 'class-validator';

import type { RequestContext } from '@madoguchi/common';
import { AgentGroupService } from '@madoguchi/tickets';

import { Ctx, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { Trim } from '../http/trim.decorator';

export class AgentGroupDto {
  @ApiProperty({ example: '請求チーム' })
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ type: [String], description: 'Staff user ids' })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  memberIds!: string[];
}

@ApiTags('groups')
@ApiBearerAuth()
@Controller('api/v1/groups')
export class GroupsController {
  constructor(private readonly groups: AgentGroupService) {}

  @Get()
  @RequireRole('agent')
  @Endpoint({ summary: 'Agent groups and their members' })
  async list() {
    return { items: await this.groups.list() };
  }

  @Post()
  @RequireRole('manager')
  @Endpoint({
    summary: 'Create an agent group (managers)',
    errors: { 400: 'Invalid fields or members', 409: 'Name taken' },
  })
  create(@Ctx() context: RequestContext, @Body() body: AgentGroupDto) {
    return this.groups.create(context, body);
  }

  @Put(':id')
  @RequireRole('manager')
  @Endpoint({
    summary: 'Rename an agent group and replace its members (managers)',
    errors: { 400: 'Invalid fields or members', 404: 'No such group', 409: 'Name taken' },
  })
  update(@Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() body: AgentGroupDto) {
    return this.groups.update(context, id, body);
  }
}
