import { Injectable } from '@nestjs/common';

import { Clock } from '@madoguchi/common';

import { type ServiceStatus, worstStatus } from '../domain/service-status';
import { Incidents } from './incidents';
import { Maintenances } from './maintenances';
import { Services } from './services';

/** How far back the public history reaches. */
export const STATUS_HISTORY_DAYS = 90;

/**
 * What the public status page says, computed from the records: each service's status is the
 * worst of its own setting, the impact of open published incidents naming it, and maintenance in
 * progress. Drafts never show.
 */
@Injectable()
export class StatusPage {
  constructor(
    private readonly services: Services,
    private readonly incidents: Incidents,
    private readonly maintenances: Maintenances,
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
