import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, ValidateNested } from 'class-validator';

import type { RequestContext } from '@madoguchi/common';
import {
  INCIDENT_IMPACTS,
  INCIDENT_STATUSES,
  IncidentAlertService,
  type IncidentImpact,
  IncidentService,
  type IncidentStatus,
} from '@madoguchi/notices';

import { Ctx, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { AffectedServicesDto, NoticeMessageDto } from './notices.controller';

/** A status with its bilingual message: every incident update has one. */
export class IncidentStatusMessageDto {
  @ApiProperty({ enum: INCIDENT_STATUSES })
  @IsIn(INCIDENT_STATUSES)
  status!: IncidentStatus;

  @ApiProperty({ type: NoticeMessageDto })
  @ValidateNested()
  @Type(() => NoticeMessageDto)
  message!: NoticeMessageDto;
}

export class IncidentUpdateDto extends IncidentStatusMessageDto {
  @ApiPropertyOptional({ enum: INCIDENT_IMPACTS, description: 'A changed impact' })
  @IsOptional()
  @IsIn(INCIDENT_IMPACTS)
  impact?: IncidentImpact;
}

// Not an extension of IncidentUpdateDto: its optional `impact` would stay optional here (validation
// metadata is inherited), and a missing impact must be a field error, not a failed insert.
export class IncidentDto extends IntersectionType(IncidentStatusMessageDto, AffectedServicesDto) {
  @ApiProperty({ enum: INCIDENT_IMPACTS })
  @IsIn(INCIDENT_IMPACTS)
  impact!: IncidentImpact;

  @ApiPropertyOptional({ description: 'When it was detected (defaults to now; may be earlier)' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  detectedAt?: string;

  @ApiPropertyOptional({ description: 'Keep it unpublished (no status page, no e-mail) until published' })
  @IsOptional()
  @IsBoolean()
  draft?: boolean;
}

export class IncidentListQuery {
  @ApiPropertyOptional({ description: 'Only unresolved incidents' })
  @IsOptional()
  @IsIn(['true', 'false'])
  open?: 'true' | 'false';
}

@ApiTags('notices')
@ApiBearerAuth()
@Controller('api/v1/incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentService,
    private readonly alerts: IncidentAlertService,
  ) {}

  @Post()
  @RequireRole('manager')
  @Endpoint({
    summary:
      'Open an incident; unless `draft`, its first update is published at once (status page + e-mail to every subscriber of the services)',
    errors: { 400: 'Invalid fields or unknown services' },
  })
  create(@Ctx() context: RequestContext, @Body() body: IncidentDto) {
    return this.incidents.create(context, {
      ...body,
      detectedAt: body.detectedAt ? new Date(body.detectedAt) : undefined,
    });
  }

  @Get()
  @RequireRole('agent')
  @Endpoint({ summary: 'Incidents of the last 90 days, newest first, with delivery progress' })
  async list(@Query() query: IncidentListQuery) {
    return {
      items: await this.incidents.list({
        since: new Date(Date.now() - 90 * 86_400_000),
        openOnly: query.open === 'true',
      }),
    };
  }

  @Get('unnotified')
  @RequireRole('agent')
  @Endpoint({ summary: 'Unresolved incidents with no published notice yet (the desk banner), with the alerts raised' })
  async unnotified() {
    return { items: await this.alerts.unnotified() };
  }

  @Get('undelivered')
  @RequireRole('agent')
  @Endpoint({
    summary:
      'Published incidents whose notice e-mail is still going out after 5 minutes (the desk banner): `{id, title, detectedAt, sendingSince, pending}`',
  })
  async undelivered() {
    return { items: await this.alerts.undeliveredNotices() };
  }

  @Get(':id')
  @RequireRole('agent')
  @Endpoint({
    summary: 'An incident, its updates, time to first notice and `delivery: {total, sent, pending, failed, gaveUp}`',
    errors: { 404: '`incident.not-found`' },
  })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.incidents.get(id);
  }

  @Post(':id/updates')
  @RequireRole('manager')
  @Endpoint({
    summary: 'Post an update (published and e-mailed at once when the incident is published)',
    errors: { 404: '`incident.not-found`' },
  })
  addUpdate(@Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() body: IncidentUpdateDto) {
    return this.incidents.addUpdate(context, id, body);
  }

  @Post(':id/resend')
  @RequireRole('manager')
  @Endpoint({
    summary: 'Send the notices again to the recipients given up after the retry window (`delivery.gaveUp`)',
    errors: { 404: '`incident.not-found`', 409: '`incident.nothing-given-up`: no recipient was given up' },
  })
  resend(@Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string) {
    return this.incidents.resendGivenUp(context, id);
  }

  @Post(':id/publish')
  @RequireRole('manager')
  @Endpoint({
    summary: 'Publish a draft incident',
    errors: { 404: '`incident.not-found`', 409: '`incident.published`: already published' },
  })
  publish(@Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string) {
    return this.incidents.publish(context, id);
  }
}
