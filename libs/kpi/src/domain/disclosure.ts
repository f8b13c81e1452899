import type { KpiDefinition } from './kpi-definition';
import type { Figure } from './kpi-figures';

export const PUBLISHED_KPIS = [
  'supportOperatingRate',
  'abandonmentRate',
  'responseTimeComplianceRate',
  'completionWithinStandardTimeRate',
] as const;
export type PublishedKpi = (typeof PUBLISHED_KPIS)[number];

/** Everything a month's disclosure report shows, computed once; a published report keeps it as it was. */
export interface DisclosureSnapshot {
  month: string;
  /** The company the report speaks for (COMPANY_NAME); absent from reports published before it existed. */
  companyName?: string | null;
  from: string;
  to: string;
  timeZone: string;
  definitionVersion: number;
  definition: KpiDefinition;
  kpis: Record<PublishedKpi, Figure | null> & {
    responseTimeComplianceRate: Figure & { byChannel: Record<'phone' | 'web' | 'email', Figure> };
  };
  calls: { offered: number; answered: number; abandoned: number; timeout: number; shortAbandons: number };
  supportHours: {
    weekly: { ja: string; en: string };
    openDays: number;
    openHours: number;
    /** Weekdays of the month the desk did not open (public holidays and the like), `YYYY-MM-DD`. */
    closedWeekdays: string[];
  };
  /** Incidents detected in the month whose first notice went out within an hour of detection. */
  incidentNotices: Figure;
  /**
   * Service availability (稼働率): available over provided seconds, every service's time added up,
   * and each service's own; absent from reports published before it was measured.
   */
  serviceAvailability?: {
    total: Figure;
    services: Array<{ name: string; nameEn: string | null; figure: Figure }>;
  };
  computedAt: string;
}

/** `YYYY-MM` → [year, month], or null. */
export function parseMonth(text: string): [number, number] | null {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  if (!match) return null;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? [Number(match[1]), month] : null;
}

export const percent = (figure: Figure | null) =>
  figure && figure.value !== null ? `${(figure.value * 100).toFixed(1)}%` : '—';

/**
 * An availability as the disclosure prints it, to 0.01 % and floored: 99.996 % is 99.99 %, never
 * rounded up to a figure the service did not reach.
 */
export const availabilityPercent = (figure: Figure | null) =>
  figure && figure.value !== null ? `${(Math.floor(figure.value * 10_000) / 100).toFixed(2)}%` : '—';

/** Whether the availability reached its target; null without a figure. */
export function metAvailabilityTarget(figure: Figure | null, target: number): boolean | null {
  return !figure || figure.value === null ? null : figure.value >= target;
}

/** Whether a published KPI met its target: at least the target, or at most for the abandonment rate; null without a figure. */
export function metTarget(name: PublishedKpi, figure: Figure | null, target: number): boolean | null {
  if (!figure || figure.value === null) return null;
  return name === 'abandonmentRate' ? figure.value <= target : figure.value >= target;
}

/** The days of a `YYYY-MM` month: its last day of the month. */
export function lastDayOf(month: string): number {
  const [year, monthNumber] = parseMonth(month)!;
  return new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
}
