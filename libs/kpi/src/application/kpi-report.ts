import { Injectable } from '@nestjs/common';

import { CalendarService, formatInZone } from '@madoguchi/business-calendar';
import { Clock } from '@madoguchi/common';

import { callCounts, EMPTY_CALLS, EMPTY_TICKETS, kpiFigures } from '../domain/kpi-figures';
import { type Grouping, type KpiDimension, type KpiGrouping, KpiRepository } from '../infrastructure/kpi.repository';
import { KpiDefinitions } from './kpi-definitions';

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
export class KpiReport {
  constructor(
    private readonly repository: KpiRepository,
    private readonly definitions: KpiDefinitions,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
  ) {}

  async report(request: KpiRequest) {
    const { version, definition } = await this.definitions.get(request.version);
    const calendar = await this.calendars.calendar(definition.calendarId);
    const timeZone = calendar.definition.timeZone;
    const query = {
      from: request.from,
      to: request.to,
      now: new Date(this.clock.now()),
      open: calendar.openIntervals(request.from.getTime(), request.to.getTime()),
      definition,
    };
    const figures = async (grouping: Grouping) => {
      const [calls, tickets, operating] = await Promise.all([
        this.repository.calls(query, grouping),
        this.repository.tickets(query, grouping),
        grouping.kind === 'dimension' ? null : this.repository.operating(query, grouping),
      ]);
      const keys = [...new Set([...calls.keys(), ...tickets.keys(), ...(operating?.keys() ?? [])])].sort();
      return keys.map((key) => {
        const callStats = calls.get(key) ?? EMPTY_CALLS;
        const operatingStats = operating ? (operating.get(key) ?? { scheduledSeconds: 0, operatingSeconds: 0 }) : null;
        return {
          key,
          kpis: kpiFigures(callStats, tickets.get(key) ?? EMPTY_TICKETS, operatingStats),
          calls: callCounts(callStats),
        };
      });
    };
    const [total] = await figures({ kind: 'total' });
    const grouping: Grouping | null = request.groupBy
      ? { kind: 'time', unit: request.groupBy, timeZone }
      : request.dimension
        ? { kind: 'dimension', dimension: request.dimension }
        : null;
    const totals = total ?? {
      kpis: kpiFigures(EMPTY_CALLS, EMPTY_TICKETS, { scheduledSeconds: 0, operatingSeconds: 0 }),
      calls: callCounts(EMPTY_CALLS),
    };
    return {
      from: formatInZone(request.from.getTime(), timeZone),
      to: formatInZone(request.to.getTime(), timeZone),
      timeZone,
      definitionVersion: version,
      definition,
      kpis: { ...totals.kpis, backlog: { value: await this.repository.backlog(request.to) } },
      calls: totals.calls,
      ...(grouping ? { groupBy: request.groupBy ?? request.dimension, groups: await figures(grouping) } : {}),
    };
  }
}
