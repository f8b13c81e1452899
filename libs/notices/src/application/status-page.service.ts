import { Injectable } from '@nestjs/common';

import { CalendarService } from '@madoguchi/business-calendar';
import { addDays, civilDateOf, formatCivilDate, zonedToEpoch } from '@madoguchi/business-calendar/domain';
import { Clock } from '@madoguchi/common';

import { type AvailabilityRules, combinedAvailability, DEFAULT_AVAILABILITY_RULES } from '../domain/availability';
import { type ServiceStatus, worstStatus } from '../domain/service-status';
import { IncidentService } from './incident.service';
import { MaintenanceService } from './maintenance.service';
import { type AvailabilityPeriod, ServiceAvailabilityService } from './service-availability.service';
import { ServiceCatalogService } from './service-catalog.service';
import { ServiceChangeService } from './service-change.service';

/** How far back the public history reaches. */
export const STATUS_HISTORY_DAYS = 90;

/** The last `count` days in the zone, today (so far) last. */
function lastDays(now: number, count: number, timeZone: string): AvailabilityPeriod[] {
  const today = civilDateOf(now, timeZone);
  const start = (day: ReturnType<typeof addDays>) => zonedToEpoch(day.year, day.month, day.day, 0, timeZone);
  return Array.from({ length: count }, (_, index) => {
    const day = addDays(today, index - count + 1);
    return { key: formatCivilDate(day), from: start(day), to: start(addDays(day, 1)) };
  });
}

/**
 * What the public status page says, computed from the records: each service's status is the
 * worst of its own setting, the impact of open published incidents naming it, and maintenance in
 * progress. Drafts never show.
 */
@Injectable()
export class StatusPageService {
  constructor(
    private readonly services: ServiceCatalogService,
    private readonly incidents: IncidentService,
    private readonly maintenances: MaintenanceService,
    private readonly serviceChanges: ServiceChangeService,
    private readonly availability: ServiceAvailabilityService,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
  ) {}

  /**
   * The page's notices without the services' figures: open incidents, maintenance in progress and
   * upcoming, service changes still to take effect, and 90 days of history (what the Atom and
   * iCalendar feeds read).
   */
  async notices(now = this.clock.now()) {
    const since = new Date(now - STATUS_HISTORY_DAYS * 86_400_000);
    const [incidents, windows, changes] = await Promise.all([
      this.incidents.listPublished(since),
      this.maintenances.list(since),
      this.serviceChanges.list(),
    ]);
    const published = incidents.map(({ noticeIds: _noticeIds, ...incident }) => incident);
    const live = windows.filter((window) => window.cancelledAt === null);
    return {
      openIncidents: published.filter((incident) => incident.resolvedAt === null),
      maintenanceInProgress: live.filter((w) => Date.parse(w.startsAt) <= now && Date.parse(w.endsAt) > now),
      upcomingMaintenance: windows.filter((w) => Date.parse(w.startsAt) > now),
      upcomingServiceChanges: changes.filter((change) => Date.parse(change.effectiveAt) > now),
      history: {
        days: STATUS_HISTORY_DAYS,
        incidents: published.filter((incident) => incident.resolvedAt !== null),
        maintenance: windows.filter((w) => Date.parse(w.endsAt) <= now || w.cancelledAt !== null),
      },
    };
  }

  /** `rules`: how availability weighs impacts (the KPI definition's; the defaults otherwise). */
  async current(rules: AvailabilityRules = DEFAULT_AVAILABILITY_RULES) {
    const now = this.clock.now();
    const days = lastDays(now, STATUS_HISTORY_DAYS, await this.calendars.timeZone('support-hours'));
    const [services, notices, availability] = await Promise.all([
      this.services.list(),
      this.notices(now),
      this.availability.byService(days, rules),
    ]);
    const availabilityOf = new Map(availability.map((figures) => [figures.serviceId, figures.periods]));
    const shown = services.map((service) => {
      const figures = availabilityOf.get(service.id) ?? [];
      return {
        id: service.id,
        name: service.name,
        nameEn: service.nameEn,
        status: worstStatus([
          service.status,
          ...notices.openIncidents
            .filter((i) => i.serviceIds.includes(service.id))
            .map((i) => i.impact as ServiceStatus),
          ...(notices.maintenanceInProgress.some((w) => w.serviceIds.includes(service.id))
            ? ['under-maintenance' as const]
            : []),
        ]),
        availability: {
          last90Days: combinedAvailability(figures),
          days: figures.map(({ key, ...figure }) => ({ date: key, ...figure })),
        },
      };
    });
    return {
      generatedAt: new Date(now).toISOString(),
      // The page's banner: the worst state any service is in now.
      overall: worstStatus(shown.map((service) => service.status)),
      services: shown,
      ...notices,
    };
  }
}
