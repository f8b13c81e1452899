import { Injectable } from '@nestjs/common';

import { CalendarService, formatInZone } from '@madoguchi/business-calendar';
import { Clock } from '@madoguchi/common';
import {
  type AvailabilityPeriod,
  combinedAvailability,
  type ServiceAvailability,
  ServiceAvailabilityService,
} from '@madoguchi/notices';

import type { KpiDefinition } from '../domain/kpi-definition';
import {
  callCounts,
  EMPTY_CALLS,
  EMPTY_TICKETS,
  kpiFigures,
  ratio,
  sumCalls,
  sumOperating,
  sumTickets,
} from '../domain/kpi-figures';
import { timeBuckets } from '../domain/time-buckets';
import {
  type Grouping,
  KPI_DIMENSIONS,
  type KpiDimension,
  type KpiGrouping,
  KpiRepository,
  NO_VALUE_KEY,
  type TicketMeasure,
} from '../infrastructure/kpi.repository';
import { KpiDefinitionService } from './kpi-definition.service';

/** Words for a group with no value, per dimension (pages translate them by the key `(none)`). */
const NO_VALUE_LABEL: Record<KpiDimension, string> = {
  agent: 'Unassigned',
  organization: 'No organization',
  category: 'No category',
  priority: 'No priority',
  channel: 'No channel',
};

/** A group's label: a time group's first day, a person's or organization's name, else the key itself. */
function groupLabel(grouping: Grouping, key: string, names: Map<string, string>): string {
  if (grouping.kind !== 'dimension') return key;
  if (key === NO_VALUE_KEY) return NO_VALUE_LABEL[grouping.dimension];
  return names.get(key) ?? key;
}

/** What a report can be grouped by besides time: the SQL dimensions, and the services (availability only). */
export const REPORT_DIMENSIONS = [...KPI_DIMENSIONS, 'service'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** Available over provided seconds, as every figure: numerator and denominator. */
function availabilityFigure(figures: ServiceAvailability['periods']) {
  const { providedSeconds, downtimeSeconds } = combinedAvailability(figures);
  return ratio(Number((providedSeconds - downtimeSeconds).toFixed(3)), providedSeconds);
}

/** What every report states first: its period in the calendar's zone and the definition that made it. */
function reportHead(period: { from: Date; to: Date }, timeZone: string, version: number, definition: KpiDefinition) {
  return {
    from: formatInZone(period.from.getTime(), timeZone),
    to: formatInZone(period.to.getTime(), timeZone),
    timeZone,
    definitionVersion: version,
    definition,
  };
}

export interface KpiRequest {
  from: Date;
  to: Date;
  groupBy?: KpiGrouping;
  dimension?: KpiDimension;
  /** Reproduce figures with an older definition; the latest by default. */
  version?: number;
}

/**
 * The KPI report of a period: the published four and the supporting figures, each with its
 * numerator and denominator, the definition version that produced them, and optional groups.
 */
@Injectable()
export class KpiReportService {
  constructor(
    private readonly repository: KpiRepository,
    private readonly definitions: KpiDefinitionService,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
    private readonly availability: ServiceAvailabilityService,
  ) {}

  async report(request: KpiRequest) {
    const { version, definition } = await this.definitions.get(request.version);
    const calendar = await this.calendars.calendar(definition.calendarId);
    const timeZone = calendar.definition.timeZone;
    const now = this.clock.now();
    const query = {
      from: request.from,
      to: request.to,
      now: new Date(now),
      open: calendar.openIntervals(request.from.getTime(), request.to.getTime()),
      definition,
    };
    // Open time that has not happened yet is neither staffed nor unstaffed: the operating rate
    // counts open time up to now only, so a future day has no figure rather than 100 % or 0 %.
    const openSoFar = calendar.openIntervals(request.from.getTime(), Math.min(request.to.getTime(), now));
    const grouping: Grouping = request.groupBy
      ? { kind: 'time', buckets: timeBuckets(request.from.getTime(), request.to.getTime(), request.groupBy, timeZone) }
      : request.dimension
        ? { kind: 'dimension', dimension: request.dimension }
        : { kind: 'total' };
    // Operating time has no dimension; by dimension it is measured once, for the total.
    const operatingGrouping: Grouping = grouping.kind === 'dimension' ? { kind: 'total' } : grouping;
    // Availability has no dimension either: by time it is each bucket's, else the whole period's.
    const availabilityPeriods: AvailabilityPeriod[] =
      grouping.kind === 'time'
        ? grouping.buckets.map((bucket, index) => ({
            key: bucket.key,
            from: bucket.start,
            to: grouping.buckets[index + 1]?.start ?? request.to.getTime(),
          }))
        : [{ key: 'total', from: request.from.getTime(), to: request.to.getTime() }];
    const [calls, ticketFigures, operating, backlog, incidents, availability] = await Promise.all([
      this.repository.calls(query, grouping),
      this.repository.tickets(query, grouping),
      this.repository.operating({ ...query, open: openSoFar }, operatingGrouping),
      this.repository.backlog(request.to),
      this.repository.incidentNotices(request.from, request.to, query.now),
      this.availability.byService(availabilityPeriods, definition.availability),
    ]);
    // Every service's figure of each period, by the period's key (a time group's, or 'total').
    const byPeriod = new Map<string, ServiceAvailability['periods']>();
    for (const service of availability)
      for (const period of service.periods) {
        if (!byPeriod.has(period.key)) byPeriod.set(period.key, []);
        byPeriod.get(period.key)!.push(period);
      }
    const availabilityOf = (key?: string) =>
      availabilityFigure(
        key === undefined ? availability.flatMap((service) => service.periods) : (byPeriod.get(key) ?? []),
      );
    const { stats: tickets, durations, totalDurations } = ticketFigures;
    const totals = {
      kpis: {
        ...kpiFigures(
          sumCalls(calls.values()),
          sumTickets(tickets.values()),
          sumOperating(operating.values()),
          totalDurations,
        ),
        serviceAvailability: availabilityOf(),
      },
      calls: callCounts(sumCalls(calls.values())),
    };
    const keys = [
      ...new Set([
        ...calls.keys(),
        ...tickets.keys(),
        ...durations.keys(),
        ...(grouping === operatingGrouping ? operating.keys() : []),
        // A time group with provided time has an availability figure, events or not.
        ...availability.flatMap((service) =>
          grouping.kind === 'time' ? service.periods.filter((p) => p.providedSeconds > 0).map((p) => p.key) : [],
        ),
      ]),
    ].sort();
    const labels =
      grouping.kind === 'dimension' ? await this.repository.groupLabels(grouping.dimension, keys) : new Map();
    const groups = keys.map((key) => {
      const callStats = calls.get(key) ?? EMPTY_CALLS;
      const operatingStats =
        grouping === operatingGrouping ? (operating.get(key) ?? { scheduledSeconds: 0, operatingSeconds: 0 }) : null;
      return {
        key,
        label: groupLabel(grouping, key, labels),
        kpis: {
          ...kpiFigures(callStats, tickets.get(key) ?? EMPTY_TICKETS, operatingStats, durations.get(key)),
          serviceAvailability: grouping.kind === 'time' ? availabilityOf(key) : null,
        },
        calls: callCounts(callStats),
      };
    });
    return {
      ...reportHead(request, timeZone, version, definition),
      kpis: {
        ...totals.kpis,
        backlog: { value: backlog },
        // For the whole period only: incidents are few, and have no channel or agent.
        incidentsNotifiedWithinHour: ratio(incidents.notified, incidents.due),
      },
      calls: totals.calls,
      ...(grouping.kind === 'total' ? {} : { groupBy: request.groupBy ?? request.dimension, groups }),
    };
  }

  /**
   * Service availability per service (`dimension=service`): the one figure services have. The
   * groups add up to the total, every service's time counted.
   */
  async availabilityByService(request: Omit<KpiRequest, 'groupBy' | 'dimension'>) {
    const { version, definition } = await this.definitions.get(request.version);
    const timeZone = await this.calendars.timeZone(definition.calendarId);
    const services = await this.availability.byService(
      [{ key: 'total', from: request.from.getTime(), to: request.to.getTime() }],
      definition.availability,
    );
    return {
      ...reportHead(request, timeZone, version, definition),
      kpis: { serviceAvailability: availabilityFigure(services.flatMap((service) => service.periods)) },
      groupBy: 'service' as const,
      groups: services.map((service) => ({
        key: service.serviceId,
        label: service.name,
        nameEn: service.nameEn,
        kpis: { serviceAvailability: availabilityFigure(service.periods) },
      })),
    };
  }

  /** Inbound calls by hour of day over a period, with which hours the desk opens on a weekday. */
  async callsByHour(from: Date, to: Date) {
    const { definition } = await this.definitions.get();
    const calendar = await this.calendars.calendar(definition.calendarId);
    const weekday = calendar.definition.weekly.monday;
    const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
    return {
      calls: await this.repository.callsByHour(from, to, calendar.definition.timeZone),
      openHours: Array.from({ length: 24 }, (_, hour) =>
        weekday.some((i) => minutes(i.start) < (hour + 1) * 60 && minutes(i.end) > hour * 60),
      ),
    };
  }

  /** The tickets a ticket KPI counted in a period (`met`: only those that met the target, or only those that did not). */
  ticketsBehind(measure: TicketMeasure, from: Date, to: Date, met?: boolean, limit = 500) {
    return this.repository.ticketsBehind(measure, from, to, new Date(this.clock.now()), met, limit);
  }

  breaches(from: Date, to: Date, limit = 50) {
    return this.repository.breachList(from, to, limit);
  }
}
