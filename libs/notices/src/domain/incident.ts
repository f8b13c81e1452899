export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** How badly the affected services are hit; the status page shows them with this status. */
export const INCIDENT_IMPACTS = ['degraded', 'partial-outage', 'major-outage'] as const;
export type IncidentImpact = (typeof INCIDENT_IMPACTS)[number];

/** The published promise: customers hear of an outage within 1 hour of its detection. */
export const NOTICE_DEADLINE_MS = 60 * 60_000;
/** Managers are alerted at these marks when nothing has been published yet. */
export const UNNOTIFIED_ALERT_MINUTES = [30, 45] as const;
/** …and at this one when the notice is published but its e-mail is not out yet (a mail server refusing or away). */
export const UNDELIVERED_ALERT_MINUTES = 45;

export function noticeDeadline(detectedAt: number): number {
  return detectedAt + NOTICE_DEADLINE_MS;
}

/** Seconds from detection to the first notice; null while unpublished. */
export function secondsToFirstNotice(detectedAt: number, publishedAt: number | null): number | null {
  return publishedAt === null ? null : Math.round((publishedAt - detectedAt) / 1000);
}

export function notifiedWithinDeadline(detectedAt: number, publishedAt: number | null): boolean | null {
  return publishedAt === null ? null : publishedAt <= noticeDeadline(detectedAt);
}
