import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { Principal, RequestContext } from '@madoguchi/common';
import { AgentPresenceService } from '@madoguchi/telephony';

import { Ctx, CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { parsePeriod } from './period';
import {
  AgentLinkDto,
  AgentLinkListResponseDto,
  AgentLinkResponseDto,
  PeriodQueryDto,
  PresenceIntervalListResponseDto,
  PresenceResponseDto,
  SetPresenceDto,
} from './telephony.dto';

@ApiTags('telephony')
@ApiBearerAuth()
@Controller('api/v1/telephony')
export class PresenceController {
  constructor(private readonly presence: AgentPresenceService) {}

  @Endpoint({ response: PresenceResponseDto, summary: 'My availability now' })
  @Get('presence/me')
  @RequireRole('agent')
  mine(@CurrentPrincipal() viewer: Principal): Promise<PresenceResponseDto> {
    return this.presence.current(viewer);
  }

  @Endpoint({
    response: PresenceResponseDto,
    summary: 'Set my availability (the desk toggle): available, paused (with a reason) or offline',
  })
  @Put('presence')
  @RequireRole('agent')
  set(@Ctx() context: RequestContext, @Body() body: SetPresenceDto): Promise<PresenceResponseDto> {
    return this.presence.set(context, body.state, body.reason ?? null);
  }

  @Endpoint({
    response: PresenceIntervalListResponseDto,
    summary: 'Agents’ availability intervals in a period (at most 93 days)',
  })
  @Get('presence')
  @RequireRole('manager')
  async intervals(@Query() query: PeriodQueryDto): Promise<PresenceIntervalListResponseDto> {
    const { from, to } = parsePeriod(query.from, query.to, 93);
    return { items: await this.presence.intervals(from, to, query.agent) };
  }

  @Endpoint({ response: AgentLinkListResponseDto, summary: 'Which user each PBX agent name belongs to' })
  @Get('agents')
  @RequireRole('manager')
  async links(): Promise<AgentLinkListResponseDto> {
    const links = await this.presence.links();
    return { items: links.map(({ pbxAgent, userId }) => ({ pbxAgent, userId })) };
  }

  @Endpoint({
    response: AgentLinkResponseDto,
    summary: 'Link a PBX agent name to a user (replaces an earlier link of that name)',
    errors: { 422: 'The user is not an active agent, manager or admin (field userId)' },
  })
  @Post('agents')
  @RequireRole('manager')
  link(@Ctx() context: RequestContext, @Body() body: AgentLinkDto): Promise<AgentLinkResponseDto> {
    return this.presence.link(context, body.pbxAgent, body.userId);
  }
}
