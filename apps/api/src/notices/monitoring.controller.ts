import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';

import { CalendarService, formatInZone } from '@madoguchi/business-calendar';
import type { RequestContext } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import { MonitoringAlertService } from '@madoguchi/notices';

import { AcceptsSharedSecret, Ctx, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { MonitoringAlertsResponseDto } from './notices.dto';

/**
 * Where monitoring reports outages: Prometheus Alertmanager's webhook (version 4; Grafana sends the
 * same) or a generic `{service, startsAt, summary}` for other monitors. A monitor presents
 * MONITORING_TOKEN as its bearer token; a signed-in manager may post too.
 */
@ApiTags('notices')
@ApiBearerAuth()
@AcceptsSharedSecret('MONITORING_TOKEN')
@RequireRole('manager')
@Controller('api/v1/monitoring')
export class MonitoringController {
  constructor(
    private readonly monitoring: MonitoringAlertService,
    private readonly calendars: CalendarService,
    private readonly config: AppConfig,
  ) {}

  @Endpoint({
    response: MonitoringAlertsResponseDto,
    summary:
      'Alerts from monitoring: each firing alert opens (or joins) a draft incident detected at its startsAt; a repeated delivery changes nothing; a resolved one records the recovery for a manager to confirm',
    errors: {
      400: 'The payload cannot be read (field by field; nothing was taken)',
      401: 'No MONITORING_TOKEN and no sign-in',
      422: 'An alert names no service in the catalog (its id or exact name)',
    },
  })
  @Post('alerts')
  @HttpCode(202)
  @ApiBody({
    description:
      'Alertmanager webhook JSON (`version: "4"`, `alerts[]` with `status`, `labels.service`, `startsAt`, `endsAt`, `fingerprint`, `annotations.summary`), or `{service, startsAt, summary, status?, endsAt?, fingerprint?}`',
    schema: { type: 'object' },
  })
  async receive(@Ctx() context: RequestContext, @Body() body: unknown): Promise<MonitoringAlertsResponseDto> {
    const outcomes = await this.monitoring.receive(context, body, this.config.MONITORING_SERVICE_LABEL);
    const zone = await this.calendars.timeZone('support-hours');
    const incidents = outcomes.map(({ incidentId, detectedAt, created }) => ({
      id: incidentId,
      detectedAt: formatInZone(detectedAt.getTime(), zone),
      created,
    }));
    return { incidents };
  }
}
