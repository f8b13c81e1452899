import type { ServiceStatus } from '../infrastructure/service.entity';

/** Worst last: what the status page shows when several things touch one service at once. */
const SEVERITY: ServiceStatus[] = ['operational', 'under-maintenance', 'degraded', 'partial-outage', 'major-outage'];

export function worstStatus(statuses: ServiceStatus[]): ServiceStatus {
  return statuses.reduce<ServiceStatus>(
    (worst, status) => (SEVERITY.indexOf(status) > SEVERITY.indexOf(worst) ? status : worst),
    'operational',
  );
}
