export const SERVICE_STATUSES = [
  'operational',
  'degraded',
  'partial-outage',
  'major-outage',
  'under-maintenance',
] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** Worst last: what the status page shows when several things touch one service at once. */
const SEVERITY: ServiceStatus[] = ['operational', 'under-maintenance', 'degraded', 'partial-outage', 'major-outage'];

export function worstStatus(statuses: ServiceStatus[]): ServiceStatus {
  return statuses.reduce<ServiceStatus>(
    (worst, status) => (SEVERITY.indexOf(status) > SEVERITY.indexOf(worst) ? status : worst),
    'operational',
  );
}
