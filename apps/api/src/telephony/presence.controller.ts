import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { Principal, RequestContext } from '@madoguchi/common';
import { AgentPresenceService } from '@madoguchi/telephony';

import { Ctx, CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { parsePeriod } from './period';
import { AgentLinkDto, PeriodQueryDto, SetPresenceDto } from './telephony.dto';

@ApiTags('telephony')
@ApiBearerAuth()
@Controller('api/v1/telephony')
export class PresenceController {
  constructor(private readonly presence: AgentPresenceService) {}

  @Get('presence/me')
  @RequireRole('agent')
  @Endpoint({ summary: 'My availability now' })
  mine(@CurrentPrincipal() viewer: Principal) {
    return this.presence.current(viewer);
  }

  @Put('presence')
  @RequireRole('agent')
  @Endpoint({ summary: 'Set my availability (the desk toggle): available, paused (with a reason) or offline' })
  set(@Ctx() context: RequestContext, @Body() body: SetPresenceDto) {
    return this.presence.set(context, body.state, body.reason ?? null);
  }

  @Get('presence')
  @RequireRole('manager')
  @Endpoint({ summary: 'Agents’ availability intervals in a period (at most 93 days)' })
  async intervals(@Query() query: PeriodQueryDto) {
    const { from, to } = parsePeriod(query.from, query.to, 93);
    return { items: await this.presence.intervals(from, to, query.agent) };
  }

  @Get('agents')
  @RequireRole('manager')
  @Endpoint({ summary: 'Which user each PBX agent name belongs to' })
  async links() {
    return { items: await this.presence.links() };
  }

  @Post('agents')
  @RequireRole('manager')
  @Endpoint({ summary: 'Link a PBX agent name to a user (replaces an earlier link of that name)' })
  link(@Ctx() context: RequestContext, @Body() body: AgentLinkDto) {
    return this.presence.link(context, body.pbxAgent, body.userId);
  }
}
