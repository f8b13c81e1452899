import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { RequestContext } from '@madoguchi/common';
import { IncidentAlertService, IncidentService } from '@madoguchi/notices';

import { Ctx, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import {
  IncidentDto,
  IncidentListQuery,
  IncidentListResponseDto,
  IncidentResponseDto,
  IncidentTitleDto,
  IncidentUpdateDto,
  NoticePreviewResponseDto,
  UndeliveredNoticeListResponseDto,
  UnnotifiedIncidentListResponseDto,
} from './notices.dto';

@ApiTags('notices')
@ApiBearerAuth()
@Controller('api/v1/incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentService,
    private readonly alerts: IncidentAlertService,
  ) {}

  @Endpoint({
    response: IncidentResponseDto,
    summary:
      'Open an incident; unless `draft`, its first update is published at once (status page + e-mail to every subscriber of the services)',
    errors: { 400: 'Invalid fields or unknown services' },
  })
  @Post()
  @RequireRole('manager')
  create(@Ctx() context: RequestContext, @Body() body: IncidentDto): Promise<IncidentResponseDto> {
    return this.incidents.create(context, {
      ...body,
      detectedAt: body.detectedAt ? new Date(body.detectedAt) : undefined,
    });
  }

  @Endpoint({
    response: IncidentListResponseDto,
    summary: 'Incidents of the last 90 days, newest first, with delivery progress',
  })
  @Get()
  @RequireRole('agent')
  async list(@Query() query: IncidentListQuery): Promise<IncidentListResponseDto> {
    return {
      items: await this.incidents.list({
        since: new Date(Date.now() - 90 * 86_400_000),
        openOnly: query.open === 'true',
      }),
    };
  }

  @Endpoint({
    response: UnnotifiedIncidentListResponseDto,
    summary: 'Unresolved incidents with no published notice yet (the desk banner), with the alerts raised',
  })
  @Get('unnotified')
  @RequireRole('agent')
  async unnotified(): Promise<UnnotifiedIncidentListResponseDto> {
    const incidents = await this.alerts.unnotified();
    return {
      items: incidents.map((incident) => ({
        ...incident,
        detectedAt: incident.detectedAt.toISOString(),
        noticeDeadlineAt: incident.noticeDeadlineAt.toISOString(),
      })),
    };
  }

  @Endpoint({
    response: UndeliveredNoticeListResponseDto,
    summary:
      'Published incidents whose notice e-mail is still going out after 5 minutes (the desk banner): `{id, title, detectedAt, sendingSince, pending}`',
  })
  @Get('undelivered')
  @RequireRole('agent')
  async undelivered(): Promise<UndeliveredNoticeListResponseDto> {
    const notices = await this.alerts.undeliveredNotices();
    return {
      items: notices.map((notice) => ({
        ...notice,
        detectedAt: notice.detectedAt.toISOString(),
        sendingSince: notice.sendingSince.toISOString(),
      })),
    };
  }

  @Endpoint({
    response: IncidentResponseDto,
    summary: 'An incident, its updates, time to first notice and `delivery: {total, sent, pending, failed, gaveUp}`',
    errors: { 404: '`incident.not-found`' },
  })
  @Get(':id')
  @RequireRole('agent')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<IncidentResponseDto> {
    return this.incidents.get(id);
  }

  @Endpoint({
    response: IncidentResponseDto,
    summary: 'Correct the title; on a published incident the status page notes the correction (no e-mail)',
    errors: { 400: 'Invalid fields', 404: '`incident.not-found`' },
  })
  @Patch(':id')
  @RequireRole('manager')
  correctTitle(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: IncidentTitleDto,
  ): Promise<IncidentResponseDto> {
    return this.incidents.correctTitle(context, id, body);
  }

  @Endpoint({
    response: NoticePreviewResponseDto,
    summary:
      'What publishing the draft would e-mail: each unpublished update in Japanese and English, and to how many addresses',
    errors: { 404: '`incident.not-found`' },
  })
  @Get(':id/notice-preview')
  @RequireRole('agent')
  noticePreview(@Param('id', ParseUUIDPipe) id: string): Promise<NoticePreviewResponseDto> {
    return this.incidents.noticePreview(id);
  }

  @Endpoint({
    response: IncidentResponseDto,
    summary: 'Post an update (published and e-mailed at once when the incident is published)',
    errors: { 404: '`incident.not-found`' },
  })
  @Post(':id/updates')
  @RequireRole('manager')
  addUpdate(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: IncidentUpdateDto,
  ): Promise<IncidentResponseDto> {
    return this.incidents.addUpdate(context, id, body);
  }

  @Endpoint({
    response: IncidentResponseDto,
    summary: 'Send the notices again to the recipients given up after the retry window (`delivery.gaveUp`)',
    errors: { 404: '`incident.not-found`', 409: '`incident.nothing-given-up`: no recipient was given up' },
  })
  @Post(':id/resend')
  @RequireRole('manager')
  resend(@Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<IncidentResponseDto> {
    return this.incidents.resendGivenUp(context, id);
  }

  @Endpoint({
    response: IncidentResponseDto,
    summary: 'Publish a draft incident',
    errors: { 404: '`incident.not-found`', 409: '`incident.published`: already published' },
  })
  @Post(':id/publish')
  @RequireRole('manager')
  publish(@Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<IncidentResponseDto> {
    return this.incidents.publish(context, id);
  }
}
