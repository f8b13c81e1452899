import { addDays, type CivilDate, formatCivilDate, parseCivilDate, weekdayOf } from '@madoguchi/business-calendar';

/** The longest custom range the dashboard draws (a year and a day: every day of a leap year). */
export const MAX_RANGE_DAYS = 366;

/** The dashboard's period: whole days, `first` to `last` inclusive, and how it was asked for. */
export interface DashboardRange {
  kind: 'month' | 'week' | 'custom';
  first: CivilDate;
  last: CivilDate;
  /** The query string that asks for this range again, and for the one before and after it. */
  query: string;
  previous: string;
  next: string;
  /** Why the requested range was not used (the current month is shown instead). */
  problem: 'invalid' | 'too-long' | null;
}

/** Whole days from `a` to `b` (0 for the same day). */
export const daysBetween = (a: CivilDate, b: CivilDate) =>
  Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);

function monthOf(year: number, month: number): DashboardRange {
  const first = { year, month, day: 1 };
  const next = month === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: month + 1, day: 1 };
  const previous = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  const key = (y: number, m: number) => `month=${y}-${String(m).padStart(2, '0')}`;
  return {
    kind: 'month',
    first,
    last: addDays(next, -1),
    query: key(year, month),
    previous: key(previous.year, previous.month),
    next: key(next.year, next.month),
    problem: null,
  };
}

function custom(first: CivilDate, last: CivilDate, kind: 'week' | 'custom'): DashboardRange {
  const length = daysBetween(first, last) + 1;
  const query = (from: CivilDate) =>
    kind === 'week'
      ? `week=${formatCivilDate(from)}`
      : `from=${formatCivilDate(from)}&to=${formatCivilDate(addDays(from, length - 1))}`;
  return {
    kind,
    first,
    last,
    query: query(first),
    previous: query(addDays(first, -length)),
    next: query(addDays(first, length)),
    problem: null,
  };
}

/**
 * Reads `month=YYYY-MM`, `week=YYYY-MM-DD` (the Monday-to-Sunday week holding that day) or
 * `from=YYYY-MM-DD&to=YYYY-MM-DD` (both days included); anything else is the month of `today`.
 */
export function dashboardRange(query: Record<string, string | undefined>, today: CivilDate): DashboardRange {
  const fallback = (problem: DashboardRange['problem']) => ({ ...monthOf(today.year, today.month), problem });
  if (query.from !== undefined || query.to !== undefined) {
    const [first, last] = [parseCivilDate(query.from), parseCivilDate(query.to)];
    if (!first || !last || daysBetween(first, last) < 0) return fallback('invalid');
    if (daysBetween(first, last) + 1 > MAX_RANGE_DAYS) return fallback('too-long');
    return custom(first, last, 'custom');
  }
  if (query.week !== undefined) {
    const day = parseCivilDate(query.week);
    if (!day) return fallback('invalid');
    const monday = addDays(day, -((weekdayOf(day) + 6) % 7));
    return custom(monday, addDays(monday, 6), 'week');
  }
  if (query.month !== undefined) {
    const match = /^(\d{4})-(\d{2})$/.exec(query.month);
    const month = Number(match?.[2]);
    if (!match || month < 1 || month > 12) return fallback('invalid');
    return monthOf(Number(match[1]), month);
  }
  return fallback(null);
}
