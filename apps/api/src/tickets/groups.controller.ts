import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { RequestContext } from '@madoguchi/common';
import { AgentGroupService } from '@madoguchi/tickets';

import { Ctx, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { AgentGroupDto, AgentGroupListResponseDto, AgentGroupResponseDto } from './group.dto';

@ApiTags('groups')
@ApiBearerAuth()
@Controller('api/v1/groups')
export class GroupsController {
  constructor(private readonly groups: AgentGroupService) {}

  @Endpoint({ response: AgentGroupListResponseDto, summary: 'Agent groups and their members' })
  @Get()
  @RequireRole('agent')
  async list(): Promise<AgentGroupListResponseDto> {
    return { items: await this.groups.list() };
  }

  @Endpoint({
    response: AgentGroupResponseDto,
    summary: 'Create an agent group (managers)',
    errors: { 400: 'Invalid fields', 409: 'Name taken', 422: 'A member is not active staff (field memberIds)' },
  })
  @Post()
  @RequireRole('manager')
  create(@Ctx() context: RequestContext, @Body() body: AgentGroupDto): Promise<AgentGroupResponseDto> {
    return this.groups.create(context, body);
  }

  @Endpoint({
    response: AgentGroupResponseDto,
    summary: 'Rename an agent group and replace its members (managers)',
    errors: {
      400: 'Invalid fields',
      404: 'No such group',
      409: 'Name taken',
      422: 'A member is not active staff (field memberIds)',
    },
  })
  @Put(':id')
  @RequireRole('manager')
  update(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AgentGroupDto,
  ): Promise<AgentGroupResponseDto> {
    return this.groups.update(context, id, body);
  }
}
