import { Injectable } from '@nestjs/common';

import { Clock } from '@madoguchi/common';

import {
  type AvailabilityFigure,
  availabilityOver,
  type AvailabilityRules,
  type ImpactSpan,
  impactSpans,
  type MaintenanceSpan,
} from '../domain/availability';
import { IncidentRepository } from '../infrastructure/incident.repository';
import { MaintenanceRepository } from '../infrastructure/maintenance.repository';
import { ServiceRepository } from '../infrastructure/service.repository';

/** The map's list for `key`, made on first use. */
function listOf<T>(map: Map<string, T[]>, key: string): T[] {
  const list = map.get(key) ?? [];
  map.set(key, list);
  return list;
}

/** A stretch of time a figure is wanted for: a day, a month, a KPI group. */
export interface AvailabilityPeriod {
  key: string;
  from: number;
  to: number;
}

export interface ServiceAvailability {
  serviceId: string;
  name: string;
  nameEn: string | null;
  /** One figure per period asked for, in the same order. */
  periods: Array<AvailabilityFigure & { key: string }>;
}

/**
 * Service availability (稼働率) from the records: published incidents' impact over time and
 * maintenance windows, per service and period (domain/availability.ts defines the figure).
 */
@Injectable()
export class ServiceAvailabilityService {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly maintenance: MaintenanceRepository,
    private readonly services: ServiceRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Every service's figure for each period (disjoint periods add up: the figures of a month's days
   * are the month's). Two reads whatever the number of periods and services.
   */
  async byService(periods: readonly AvailabilityPeriod[], rules: AvailabilityRules): Promise<ServiceAvailability[]> {
    if (periods.length === 0) return [];
    const from = new Date(Math.min(...periods.map((period) => period.from)));
    const to = new Date(Math.max(...periods.map((period) => period.to)));
    const [services, timelines, windows] = await Promise.all([
      this.services.list(),
      this.incidents.timelinesBetween(from, to),
      this.maintenance.windowsBetween(from, to),
    ]);
    const impacts = new Map<string, ImpactSpan[]>();
    for (const timeline of timelines) {
      const spans = impactSpans(timeline.detectedAt, timeline.steps);
      for (const serviceId of timeline.serviceIds) listOf(impacts, serviceId).push(...spans);
    }
    const maintenance = new Map<string, MaintenanceSpan[]>();
    for (const window of windows)
      for (const serviceId of window.serviceIds) listOf(maintenance, serviceId).push(window);
    const now = this.clock.now();
    return services.map((service) => ({
      serviceId: service.id,
      name: service.name,
      nameEn: service.nameEn,
      periods: periods.map((period) => ({
        key: period.key,
        ...availabilityOver(period, impacts.get(service.id) ?? [], maintenance.get(service.id) ?? [], rules, now),
      })),
    }));
  }
}
