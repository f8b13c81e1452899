import { Injectable } from '@nestjs/common';

import { Clock } from '@madoguchi/common';

import { type ServiceStatus, worstStatus } from '../domain/service-status';
import { IncidentService } from './incident.service';
import { MaintenanceService } from './maintenance.service';
import { ServiceCatalogService } from './service-catalog.service';

/** How far back the public history reaches. */
export const STATUS_HISTORY_DAYS = 90;

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
    private readonly clock: Clock,
  ) {}

  async current() {
    const now = this.clock.now();
    const since = new Date(now - STATUS_HISTORY_DAYS * 86_400_000);
    const [services, incidents, windows] = await Promise.all([
      this.services.list(),
      this.incidents.listPublished(since),
      this.maintenances.list(since),
    ]);
    const published = incidents.map(({ noticeIds: _noticeIds, ...incident }) => incident);
    const open = published.filter((incident) => incident.resolvedAt === null);
    const live = windows.filter((window) => window.cancelledAt === null);
    const inProgress = live.filter((w) => Date.parse(w.startsAt) <= now && Date.parse(w.endsAt) > now);
    return {
      generatedAt: new Date(now).toISOString(),
      services: services.map((service) => ({
        id: service.id,
        name: service.name,
        nameEn: service.nameEn,
        status: worstStatus([
          service.status,
          ...open.filter((i) => i.serviceIds.includes(service.id)).map((i) => i.impact as ServiceStatus),
          ...(inProgress.some((w) => w.serviceIds.includes(service.id)) ? ['under-maintenance' as const] : []),
        ]),
      })),
      openIncidents: open,
      maintenanceInProgress: inProgress,
      upcomingMaintenance: windows.filter((w) => Date.parse(w.startsAt) > now),
      history: {
        days: STATUS_HISTORY_DAYS,
        incidents: published.filter((incident) => incident.resolvedAt !== null),
        maintenance: windows.filter((w) => Date.parse(w.endsAt) <= now || w.cancelledAt !== null),
      },
    };
  }
}
