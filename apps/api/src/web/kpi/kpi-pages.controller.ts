import { Controller, Get, NotFoundException, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import {
  addDays,
  CalendarService,
  type CivilDate,
  civilDateOf,
  formatCivilDate,
  parseCivilDate,
  SUPPORT_HOURS,
  weekdayOf,
  zonedToEpoch,
} from '@madoguchi/business-calendar';
import { Clock } from '@madoguchi/common';
import { KpiReportService, TICKET_MEASURES } from '@madoguchi/kpi';
import { AgentPresenceService } from '@madoguchi/telephony';

import { RequireRole } from '../../auth/auth.decorators';
import { Page } from '../shared/page';
import type { KpiPage, KpiTicketsPage } from './kpi.page-models';
import { dashboardRange, daysBetween } from './kpi-range';

/** JSON for a `<script type="application/json">` block: nothing in it can close the tag. */
const embeddedJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The managers' dashboard: a period's four KPIs against their targets, the trend, agents, the PBX horizon. */
@ApiExcludeController()
@RequireRole('manager')
@Controller('kpi')
export class KpiPagesController {
  constructor(
    private readonly reports: KpiReportService,
    private readonly calendars: CalendarService,
    private readonly presence: AgentPresenceService,
    private readonly clock: Clock,
  ) {}

  /** The tickets behind a ticket KPI of a period (a day, or any dashboard range), all or only those that met / missed the target. */
  @Get('tickets')
  @Page('kpi/kpi-tickets')
  async tickets(@Query() query: Record<string, string | undefined>): Promise<KpiTicketsPage> {
    const measure = TICKET_MEASURES.find((m) => m === query.measure);
    const zone = await this.calendars.timeZone(SUPPORT_HOURS.id);
    const day = parseCivilDate(query.day);
    const range = day ? null : dashboardRange(query, civilDateOf(this.clock.now(), zone));
    if (!measure || (!day && (range!.problem || (query.month ?? query.week ?? query.from) === undefined)))
      throw new NotFoundException();
    const [first, last] = day ? [day, day] : [range!.first, range!.last];
    const period = day ? `day=${query.day}` : range!.query;
    const met = query.met === 'true' ? true : query.met === 'false' ? false : undefined;
    return {
      measure,
      period,
      first: formatCivilDate(first),
      last: formatCivilDate(last),
      met,
      tickets: await this.reports.ticketsBehind(measure, ...instants(first, last, zone), met),
    };
  }

  @Get()
  @Page('kpi/kpi')
  async dashboard(@Query() query: Record<string, string | undefined>): Promise<KpiPage> {
    const zone = await this.calendars.timeZone(SUPPORT_HOURS.id);
    const now = this.clock.now();
    const today = civilDateOf(now, zone);
    const range = dashboardRange(query, today);
    const [from, to] = instants(range.first, range.last, zone);
    // A long range is drawn by week, so the chart keeps a readable number of points.
    const groupBy = dayCount(range.first, range.last) > TREND_DAYS ? 'week' : 'day';
    const [trend, agents, byHour, breaches, horizon] = await Promise.all([
      this.reports.report({ from, to, groupBy }),
      this.reports.report({ from, to, dimension: 'agent' }),
      this.reports.callsByHour(from, to),
      this.reports.breaches(from, to),
      this.presence.pbxHorizon(),
    ]);
    const period = `from=${encodeURIComponent(trend.from)}&to=${encodeURIComponent(trend.to)}`;
    return {
      range: {
        kind: range.kind,
        first: formatCivilDate(range.first),
        last: formatCivilDate(range.last),
        query: range.query,
        previous: range.previous,
        next: range.next,
        problem: range.problem,
      },
      quick: quickRanges(today),
      groupBy,
      today: formatCivilDate(today),
      report: trend,
      agents: agents.groups ?? [],
      breaches,
      horizon,
      csvUrl: `/api/v1/kpi?${period}&groupBy=${groupBy}&format=csv`,
      byHour: embeddedJson(byHour),
      trend: embeddedJson({
        targets: trend.definition.targets,
        // Every day (or week) of the range, so the axis has no holes; one with no figures is blank.
        rows: trendKeys(range.first, range.last, groupBy).map((key) => {
          const group = (trend.groups ?? []).find((g) => g.key === key);
          const value = (name: 'abandonmentRate' | 'responseTimeComplianceRate' | 'completionWithinStandardTimeRate') =>
            group?.kpis[name].value ?? null;
          return {
            day: key,
            supportOperatingRate: group?.kpis.supportOperatingRate?.value ?? null,
            abandonmentRate: value('abandonmentRate'),
            responseTimeComplianceRate: value('responseTimeComplianceRate'),
            completionWithinStandardTimeRate: value('completionWithinStandardTimeRate'),
          };
        }),
      }),
    };
  }
}

/** Up to this many days the trend is drawn day by day, beyond it week by week. */
const TREND_DAYS = 92;

const dayCount = (first: CivilDate, last: CivilDate) => daysBetween(first, last) + 1;

/** [first day's midnight, the midnight after the last day) in the zone. */
function instants(first: CivilDate, last: CivilDate, zone: string): [Date, Date] {
  const midnight = (date: CivilDate) => new Date(zonedToEpoch(date.year, date.month, date.day, 0, zone));
  return [midnight(first), midnight(addDays(last, 1))];
}

/** The trend's keys: each day, or each week's first day within the range (as the KPI groups key them). */
function trendKeys(first: CivilDate, last: CivilDate, unit: 'day' | 'week'): string[] {
  const keys: string[] = [];
  for (let day = first; dayCount(day, last) > 0;) {
    keys.push(formatCivilDate(day));
    const next = unit === 'day' ? addDays(day, 1) : addDays(day, 7 - ((weekdayOf(day) + 6) % 7));
    day = next;
  }
  return keys;
}

/** The ranges a manager asks for most: this and last month, this and last week. */
function quickRanges(today: CivilDate) {
  const month = (delta: number) => {
    const index = today.year * 12 + today.month - 1 + delta;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  };
  return [
    { key: 'thisMonth', query: `month=${month(0)}` },
    { key: 'lastMonth', query: `month=${month(-1)}` },
    { key: 'thisWeek', query: `week=${formatCivilDate(today)}` },
    { key: 'lastWeek', query: `week=${formatCivilDate(addDays(today, -7))}` },
  ];
}
