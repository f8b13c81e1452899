import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { RequestContext } from '@madoguchi/common';
import { SlaPolicyService } from '@madoguchi/tickets';

import { Ctx, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import {
  SlaPolicyDto,
  SlaPolicyListResponseDto,
  SlaPolicyResponseDto,
  slaPolicyView,
  toSlaPolicyInput,
} from './sla-policy.dto';

/** SLA policies: conditions → calendar and targets; the first match by position applies to a new ticket. */
@ApiTags('sla-policies')
@ApiBearerAuth()
@Controller('api/v1/sla-policies')
export class SlaPoliciesController {
  constructor(private readonly policies: SlaPolicyService) {}

  @Endpoint({ response: SlaPolicyListResponseDto, summary: 'SLA policies in the order they are tried' })
  @Get()
  @RequireRole('agent')
  async list(): Promise<SlaPolicyListResponseDto> {
    return { items: (await this.policies.list()).map(slaPolicyView) };
  }

  @Endpoint({
    response: SlaPolicyResponseDto,
    summary: 'Add a policy (managers)',
    errors: { 400: 'Invalid fields, unknown calendar or taken position' },
  })
  @Post()
  @RequireRole('manager')
  async create(@Ctx() context: RequestContext, @Body() body: SlaPolicyDto): Promise<SlaPolicyResponseDto> {
    return slaPolicyView(await this.policies.create(context, toSlaPolicyInput(body)));
  }

  @Endpoint({
    response: SlaPolicyResponseDto,
    summary: 'Replace a policy (managers)',
    errors: { 400: 'Invalid fields', 404: 'No such policy' },
  })
  @Put(':id')
  @RequireRole('manager')
  @HttpCode(200)
  async update(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SlaPolicyDto,
  ): Promise<SlaPolicyResponseDto> {
    return slaPolicyView(await this.policies.update(context, id, toSlaPolicyInput(body)));
  }
}
