import { Controller, Get, NotFoundException, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { addDays, CalendarService, type CivilDate, civilDateOf, zonedToEpoch } from '@madoguchi/business-calendar';
import { Clock } from '@madoguchi/common';
import { KpiReport, monthRange, TICKET_MEASURES } from '@madoguchi/kpi';
import { AgentPresence } from '@madoguchi/telephony';

import { RequireRole } from '../auth/auth.decorators';
import { AuthenticatedRequest } from '../auth/auth-request';
import { PageResponder } from './page-responder';

/** JSON for a `<script type="application/json">` block: nothing in it can close the tag. */
const embeddedJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The managers' dashboard: a month's four KPIs against their targets, daily trends, and agents. */
@ApiExcludeController()
@RequireRole('manager')
@Controller('kpi')
export class KpiPagesController {
  constructor(
    private readonly pages: PageResponder,
    private readonly reports: KpiReport,
    private readonly calendars: CalendarService,
    private readonly presence: AgentPresence,
    private readonly clock: Clock,
  ) {}

  /** The tickets behind a ticket KPI of a month or a day, all or only those that met / missed the target. */
  @Get('tickets')
  async tickets(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Query() query: Record<string, string | undefined>,
  ) {
    const measure = TICKET_MEASURES.find((m) => m === query.measure);
    const zone = await this.calendars.timeZone('support-hours');
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(query.day ?? '');
    const month = /^(\d{4})-(\d{2})$/.exec(query.month ?? '');
    if (!measure || (!day && !month)) throw new NotFoundException();
    const midnight = (date: CivilDate) => zonedToEpoch(date.year, date.month, date.day, 0, zone);
    const date = day ? { year: Number(day[1]), month: Number(day[2]), day: Number(day[3]) } : null;
    const range = date
      ? { from: midnight(date), to: midnight(addDays(date, 1)) }
      : monthRange(Number(month![1]), Number(month![2]), zone);
    const met = query.met === 'true' ? true : query.met === 'false' ? false : undefined;
    const period = day ? `day=${day[0]}` : `month=${month![0]}`;
    return this.pages.render(request, reply, 'kpi-tickets', {
      measure,
      period,
      label: day ? day[0] : month![0],
      met,
      tickets: await this.reports.ticketsBehind(measure, new Date(range.from), new Date(range.to), met),
    });
  }

  @Get()
  async dashboard(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Query() query: Record<string, string | undefined>,
  ) {
    const zone = await this.calendars.timeZone('support-hours');
    const today = civilDateOf(this.clock.now(), zone);
    const match = /^(\d{4})-(\d{2})$/.exec(query.month ?? '');
    const [year, month] =
      match && Number(match[2]) >= 1 && Number(match[2]) <= 12
        ? [Number(match[1]), Number(match[2])]
        : [today.year, today.month];
    const range = monthRange(year, month, zone);
    const [from, to] = [new Date(range.from), new Date(range.to)];
    const [daily, agents, byHour, breaches, horizon] = await Promise.all([
      this.reports.report({ from, to, groupBy: 'day' }),
      this.reports.report({ from, to, dimension: 'agent' }),
      this.reports.callsByHour(from, to),
      this.reports.breaches(from, to),
      this.presence.pbxHorizon(),
    ]);
    const monthKey = `${year}-${String(month).padStart(2, '0')}`;
    const shift = (delta: number) => {
      const index = year * 12 + (month - 1) + delta;
      return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    };
    return this.pages.render(request, reply, 'kpi', {
      month: monthKey,
      previousMonth: shift(-1),
      nextMonth: shift(1),
      report: daily,
      agents: agents.groups ?? [],
      breaches,
      horizon,
      byHour: embeddedJson(byHour),
      trend: embeddedJson(
        (daily.groups ?? []).map((group) => ({
          day: group.key,
          supportOperatingRate: group.kpis.supportOperatingRate?.value ?? null,
          abandonmentRate: group.kpis.abandonmentRate.value,
          responseTimeComplianceRate: group.kpis.responseTimeComplianceRate.value,
          completionWithinStandardTimeRate: group.kpis.completionWithinStandardTimeRate.value,
        })),
      ),
    });
  }
}
