import { addDays, civilDateOf, formatCivilDate, weekdayOf, zonedToEpoch } from '@madoguchi/business-calendar/domain';

export type BucketUnit = 'day' | 'week' | 'month';

export interface TimeBucket {
  /** The bucket's first day, `YYYY-MM-DD` (weeks start on Monday, months on the 1st). */
  key: string;
  /** Its start instant. */
  start: number;
}

/**
 * The day, week or month buckets covering [from, to) in a zone, each starting at local midnight,
 * except the first, which starts at `from`: a period that begins mid-week or mid-month has a first
 * group keyed by its own first day, never one that lies before the period. Rows are put in buckets
 * by comparing instants, which is far cheaper per row than converting every timestamp to local time.
 */
export function timeBuckets(from: number, to: number, unit: BucketUnit, timeZone: string): TimeBucket[] {
  let day = civilDateOf(from, timeZone);
  if (unit === 'week') day = addDays(day, -((weekdayOf(day) + 6) % 7));
  if (unit === 'month') day = { ...day, day: 1 };
  const buckets: TimeBucket[] = [];
  for (;;) {
    const start = zonedToEpoch(day.year, day.month, day.day, 0, timeZone);
    if (start >= to) break;
    if (buckets.length === 0) buckets.push({ key: formatCivilDate(civilDateOf(from, timeZone)), start: from });
    else buckets.push({ key: formatCivilDate(day), start });
    day =
      unit === 'day'
        ? addDays(day, 1)
        : unit === 'week'
          ? addDays(day, 7)
          : day.month === 12
            ? { year: day.year + 1, month: 1, day: 1 }
            : { year: day.year, month: day.month + 1, day: 1 };
  }
  return buckets;
}

/** A calendar month in the zone, as [from, to): local midnight on the 1st to local midnight on the next 1st. */
export function monthRange(year: number, month: number, timeZone: string): { from: number; to: number } {
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return {
    from: zonedToEpoch(year, month, 1, 0, timeZone),
    to: zonedToEpoch(next.year, next.month, 1, 0, timeZone),
  };
}
