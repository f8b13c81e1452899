import { type BusinessCalendar, civilDateOf, formatInZone, zonedToEpoch } from '@madoguchi/business-calendar/domain';

/** Planned maintenance is announced at least this many calendar months ahead; service changes likewise. */
export const PLANNED_MAINTENANCE_NOTICE_MONTHS = 6;
export const SERVICE_CHANGE_NOTICE_MONTHS = 3;

export interface RuleViolation {
  rule: string;
  field: string;
  message: string;
  details?: Record<string, unknown>;
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The same wall-clock time `months` calendar months later in the zone; a day the target month lacks
 * clamps to its last day (08-31 + 6 months → 02-28, or 02-29 in a leap year).
 */
export function addCalendarMonths(instant: number, months: number, timeZone: string): number {
  const date = civilDateOf(instant, timeZone);
  const midnight = zonedToEpoch(date.year, date.month, date.day, 0, timeZone);
  const minuteOfDay = Math.round((instant - midnight) / 60_000);
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(date.day, daysInMonth(year, month));
  const seconds = instant - midnight - minuteOfDay * 60_000;
  return zonedToEpoch(year, month, day, minuteOfDay, timeZone) + seconds;
}

export interface MaintenanceDraft {
  startsAt: number;
  endsAt: number;
  kind: 'planned' | 'emergency';
  reason?: string | null;
  /** When it is announced (published). */
  publishedAt: number;
}

/**
 * What keeps a maintenance window from being announced: too short a notice for planned work, an
 * emergency without a reason, a window that ends before it starts, or one that overlaps the support
 * desk's open time (the first overlapping interval is named, in the calendar's zone).
 */
export function maintenanceViolations(draft: MaintenanceDraft, support: BusinessCalendar): RuleViolation[] {
  const zone = support.definition.timeZone;
  const violations: RuleViolation[] = [];
  if (draft.endsAt <= draft.startsAt)
    violations.push({
      rule: 'maintenance.empty-window',
      field: 'endsAt',
      message: 'The window must end after it starts.',
    });
  if (draft.kind === 'planned') {
    const earliest = addCalendarMonths(draft.publishedAt, PLANNED_MAINTENANCE_NOTICE_MONTHS, zone);
    if (draft.startsAt < earliest)
      violations.push({
        rule: 'maintenance.notice-too-short',
        field: 'startsAt',
        message: `Planned maintenance must be announced ${PLANNED_MAINTENANCE_NOTICE_MONTHS} months ahead: published now, it can start at ${formatInZone(earliest, zone)} at the earliest.`,
        details: { earliestStartsAt: formatInZone(earliest, zone) },
      });
  } else if (!draft.reason?.trim()) {
    violations.push({
      rule: 'maintenance.reason-required',
      field: 'reason',
      message: 'Emergency maintenance needs a reason.',
    });
  }
  if (draft.endsAt > draft.startsAt) {
    const [overlap] = support.openIntervals(draft.startsAt, draft.endsAt);
    if (overlap)
      violations.push({
        rule: 'maintenance.overlaps-support-hours',
        field: 'startsAt',
        message: `The window overlaps support hours ${formatInZone(overlap.start, zone)} – ${formatInZone(overlap.end, zone)}.`,
        details: { overlapStartsAt: formatInZone(overlap.start, zone), overlapEndsAt: formatInZone(overlap.end, zone) },
      });
  }
  return violations;
}

/** A service change or termination takes effect at least three calendar months after it is announced. */
export function serviceChangeViolations(publishedAt: number, effectiveAt: number, timeZone: string): RuleViolation[] {
  const earliest = addCalendarMonths(publishedAt, SERVICE_CHANGE_NOTICE_MONTHS, timeZone);
  if (effectiveAt >= earliest) return [];
  return [
    {
      rule: 'service-change.notice-too-short',
      field: 'effectiveAt',
      message: `A service change must be announced ${SERVICE_CHANGE_NOTICE_MONTHS} months ahead: published now, it can take effect at ${formatInZone(earliest, timeZone)} at the earliest.`,
      details: { earliestEffectiveAt: formatInZone(earliest, timeZone) },
    },
  ];
}
