import { Body, Controller, Get, Headers, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { type RequestContext, ValidationFailedError } from '@madoguchi/common';
import { type KpiDefinitionEntity, KpiDefinitionService, KpiReportService } from '@madoguchi/kpi';

import { Ctx, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { parsePeriod } from '../telephony/period';
import {
  KpiDefinitionListResponseDto,
  KpiDefinitionVersionResponseDto,
  KpiQueryDto,
  KpiReportResponseDto,
  KpiServiceReportResponseDto,
  KpiTicketListResponseDto,
  KpiTicketsQueryDto,
  ReviseKpiDefinitionDto,
} from './kpi.dto';
import { kpiReportCsv } from './kpi-csv';

@ApiTags('kpi')
@ApiBearerAuth()
@Controller('api/v1/kpi')
export class KpiController {
  constructor(
    private readonly reports: KpiReportService,
    private readonly definitions: KpiDefinitionService,
  ) {}

  @Endpoint({
    response: KpiReportResponseDto,
    download: 'text/csv',
    summary: 'The support KPIs of a period, each with numerator and denominator and the definition version used',
    errors: { 400: 'Invalid period or grouping', 404: 'No such definition version' },
  })
  @Get()
  @RequireRole('manager')
  async report(@Query() query: KpiQueryDto, @Headers('accept') accept: string | undefined, @Res() reply: FastifyReply) {
    if (query.groupBy && query.dimension)
      throw new ValidationFailedError([{ field: 'dimension', messages: ['use groupBy or dimension, not both'] }]);
    const { from, to } = parsePeriod(query.from, query.to, 3 * 366);
    // Services have one figure, availability; the other dimensions group every figure.
    const report: KpiReportResponseDto | KpiServiceReportResponseDto =
      query.dimension === 'service'
        ? await this.reports.availabilityByService({ from, to, version: query.version })
        : await this.reports.report({
            from,
            to,
            groupBy: query.groupBy,
            dimension: query.dimension,
            version: query.version,
          });
    if (query.format === 'csv' || (query.format === undefined && accept?.includes('text/csv')))
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="madoguchi-kpi-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}.csv"`,
        )
        .send(kpiReportCsv(report));
    return reply.send(report);
  }

  @Endpoint({
    response: KpiTicketListResponseDto,
    summary: 'The tickets behind a ticket KPI of a period (same rule as the figure), at most 500',
    errors: { 400: 'Invalid measure or period' },
  })
  @Get('tickets')
  @RequireRole('manager')
  async tickets(@Query() query: KpiTicketsQueryDto): Promise<KpiTicketListResponseDto> {
    const { from, to } = parsePeriod(query.from, query.to, 3 * 366);
    const met = query.met === undefined ? undefined : query.met === 'true';
    return { items: await this.reports.ticketsBehind(query.measure, from, to, met) };
  }

  @Endpoint({ response: KpiDefinitionListResponseDto, summary: 'Every version of the KPI definition, newest first' })
  @Get('definitions')
  @RequireRole('manager')
  async listDefinitions(): Promise<KpiDefinitionListResponseDto> {
    return { items: (await this.definitions.list()).map(definitionVersionView) };
  }

  @Endpoint({
    response: KpiDefinitionVersionResponseDto,
    summary: 'Change targets or thresholds: writes a new definition version (earlier reports keep theirs)',
    errors: { 400: 'Invalid values' },
  })
  @Post('definitions')
  @RequireRole('manager')
  async revise(
    @Ctx() context: RequestContext,
    @Body() body: ReviseKpiDefinitionDto,
  ): Promise<KpiDefinitionVersionResponseDto> {
    const { note, ...changes } = body;
    return definitionVersionView(await this.definitions.revise(context, changes, note ?? null));
  }
}

function definitionVersionView(stored: KpiDefinitionEntity): KpiDefinitionVersionResponseDto {
  const { version, definition, note, createdBy, createdAt } = stored;
  return { version, definition, note, createdBy, createdAt: createdAt.toISOString() };
}
