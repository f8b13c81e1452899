import { CalendarDefinition, minuteOfDay } from './calendar-definition';
import { CalendarRangeError, DayHours } from './day-hours';
import { holidaySource } from './holidays';
import { addDays, CivilDate, civilDateOf, zonedToEpoch } from './zoned-time';

/** How far nextClose looks for a closing before it reports "open for the foreseeable future". */
export const NEXT_CLOSE_HORIZON_MS = 400 * 86_400_000;

/** One local year's open intervals with running totals, and where the year sits in the grand total. */
interface YearTable {
  year: number;
  starts: Float64Array;
  ends: Float64Array;
  /** Open ms in this year before interval i starts / after it ends. */
  openBefore: Float64Array;
  openAfter: Float64Array;
  total: number;
  /** Open ms from the calendar's anchor year to this year's start (negative before the anchor). */
  offset: number;
}

export interface OpenInterval {
  start: number;
  end: number;
}

/** Index of the last element ≤ value, or -1. */
function lastAtOrBefore(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= value) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** Index of the first element > value (or ≥ value when `inclusive`), or length. */
function firstAbove(sorted: Float64Array, value: number, inclusive: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (inclusive ? sorted[middle]! >= value : sorted[middle]! > value) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * Business-time arithmetic on one calendar. Each local year is turned once into sorted open
 * intervals with cumulative open time; every query is then a year lookup and a binary search, so
 * its cost does not grow with the span. Instants are epoch milliseconds; intervals are half-open.
 */
export class BusinessCalendar {
  private readonly days: DayHours;
  private readonly tables = new Map<number, YearTable>();
  private readonly yearStarts = new Map<number, number>();
  private firstLoaded = 0;
  private lastLoaded = -1;

  constructor(readonly definition: CalendarDefinition) {
    this.days = new DayHours(definition, holidaySource(definition.holidays));
  }

  get firstYear(): number {
    return this.days.holidays.firstYear;
  }

  get lastYear(): number {
    return this.days.holidays.lastYear;
  }

  /** The hours of one local date, for previews and the support-hours widget. */
  hoursOf(date: CivilDate) {
    return this.days.hoursOf(date);
  }

  isOpen(at: number): boolean {
    const table = this.table(this.yearOf(at));
    const index = lastAtOrBefore(table.starts, at);
    return index >= 0 && at < table.ends[index]!;
  }

  /** `at` when open, else the start of the next open interval; null when none within the data range. */
  nextOpen(at: number): number | null {
    if (this.isOpen(at)) return at;
    for (let year = this.yearOf(at); year <= this.lastYear; year += 1) {
      const table = this.table(year);
      const index = firstAbove(table.starts, at, false);
      if (index < table.starts.length) return table.starts[index]!;
    }
    return null;
  }

  /**
   * The first instant at or after `at` when the calendar closes; null when it stays open for more
   * than `NEXT_CLOSE_HORIZON_MS` (an always-open calendar) or past the data range.
   */
  nextClose(at: number): number | null {
    const opensAt = this.nextOpen(at);
    if (opensAt === null) return null;
    let closesAt = this.intervalContaining(opensAt)!.end;
    // Intervals meeting end to start (a year boundary) are one open stretch.
    while (closesAt - at <= NEXT_CLOSE_HORIZON_MS) {
      if (this.yearOf(closesAt) > this.lastYear) return null;
      const following = this.intervalContaining(closesAt);
      if (!following) return closesAt;
      closesAt = following.end;
    }
    return null;
  }

  /**
   * The end of the `days`-th business day (a local date with any open time) after the local date
   * of `at`: e.g. solved on Friday, 5 business days → closes when the following Friday's desk closes.
   */
  endOfBusinessDays(at: number, days: number): number {
    let date = civilDateOf(at, this.definition.timeZone);
    for (let counted = 0, scanned = 0; ; scanned += 1) {
      if (scanned > 3660) throw new Error(`No ${days} business days within ten years of ${new Date(at).toISOString()}`);
      date = addDays(date, 1);
      const intervals = this.days.hoursOf(date).intervals;
      if (intervals.length > 0 && ++counted === days) {
        return zonedToEpoch(
          date.year,
          date.month,
          date.day,
          minuteOfDay(intervals[intervals.length - 1]!.end),
          this.definition.timeZone,
        );
      }
    }
  }

  /** Open milliseconds in [from, to); negative when `to` is before `from`. */
  businessTimeBetween(from: number, to: number): number {
    return this.openTimeUpTo(to) - this.openTimeUpTo(from);
  }

  /**
   * For ms > 0, the earliest instant t with businessTimeBetween(at, t) = ms (so 10:00 + 2 h is
   * 12:00, not 13:00); for ms < 0, the latest t with businessTimeBetween(t, at) = -ms; `at` for 0.
   */
  addBusinessTime(at: number, ms: number): number {
    if (ms === 0) return at;
    const target = this.openTimeUpTo(at) + ms;
    return ms > 0 ? this.earliestReaching(target, this.yearOf(at)) : this.latestLeaving(target, this.yearOf(at));
  }

  /** The open intervals intersecting [from, to), clipped to it, touching ones merged. */
  openIntervals(from: number, to: number): OpenInterval[] {
    const result: OpenInterval[] = [];
    if (to <= from) return result;
    for (let year = this.yearOf(from); year <= this.yearOf(to - 1); year += 1) {
      const table = this.table(year);
      for (let index = Math.max(0, lastAtOrBefore(table.starts, from)); index < table.starts.length; index += 1) {
        const start = Math.max(table.starts[index]!, from);
        const end = Math.min(table.ends[index]!, to);
        if (table.starts[index]! >= to) break;
        if (end <= start) continue;
        const last = result[result.length - 1];
        if (last && last.end === start) last.end = end;
        else result.push({ start, end });
      }
    }
    return result;
  }

  /** Open time from the anchor year's start up to `at`. */
  private openTimeUpTo(at: number): number {
    const table = this.table(this.yearOf(at));
    const index = lastAtOrBefore(table.starts, at);
    if (index < 0) return table.offset;
    return table.offset + table.openBefore[index]! + Math.min(at, table.ends[index]!) - table.starts[index]!;
  }

  private earliestReaching(target: number, fromYear: number): number {
    for (let year = fromYear; ; year += 1) {
      const table = this.table(year);
      if (target > table.offset + table.total) continue;
      const local = target - table.offset;
      const index = firstAbove(table.openAfter, local, true);
      return table.starts[index]! + (local - table.openBefore[index]!);
    }
  }

  private latestLeaving(target: number, fromYear: number): number {
    for (let year = fromYear; ; year -= 1) {
      const table = this.table(year);
      if (target < table.offset || target >= table.offset + table.total) continue;
      const local = target - table.offset;
      const index = firstAbove(table.openAfter, local, false);
      return table.starts[index]! + (local - table.openBefore[index]!);
    }
  }

  private intervalContaining(at: number): OpenInterval | null {
    const table = this.table(this.yearOf(at));
    const index = lastAtOrBefore(table.starts, at);
    return index >= 0 && at < table.ends[index]! ? { start: table.starts[index]!, end: table.ends[index]! } : null;
  }

  /** The local year an instant falls in (the UTC year is off by at most one near New Year). */
  private yearOf(at: number): number {
    const year = new Date(at).getUTCFullYear();
    if (at < this.yearStart(year)) return year - 1;
    if (at >= this.yearStart(year + 1)) return year + 1;
    return year;
  }

  private yearStart(year: number): number {
    let start = this.yearStarts.get(year);
    if (start === undefined) {
      start = zonedToEpoch(year, 1, 1, 0, this.definition.timeZone);
      this.yearStarts.set(year, start);
    }
    return start;
  }

  /** A year's table, building it and every year between it and those already built (for the offsets). */
  private table(year: number): YearTable {
    const cached = this.tables.get(year);
    if (cached) return cached;
    if (year < this.firstYear || year > this.lastYear)
      throw new CalendarRangeError(year, this.firstYear, this.lastYear);
    if (this.lastLoaded < this.firstLoaded) {
      this.tables.set(year, this.buildYear(year, 0));
      this.firstLoaded = this.lastLoaded = year;
    }
    while (this.lastLoaded < year) {
      const previous = this.tables.get(this.lastLoaded)!;
      this.lastLoaded += 1;
      this.tables.set(this.lastLoaded, this.buildYear(this.lastLoaded, previous.offset + previous.total));
    }
    while (this.firstLoaded > year) {
      const next = this.tables.get(this.firstLoaded)!;
      this.firstLoaded -= 1;
      const built = this.buildYear(this.firstLoaded, 0);
      built.offset = next.offset - built.total;
      this.tables.set(this.firstLoaded, built);
    }
    return this.tables.get(year)!;
  }

  private buildYear(year: number, offset: number): YearTable {
    const intervals: Array<[number, number]> = [];
    for (let date: CivilDate = { year, month: 1, day: 1 }; date.year === year; date = addDays(date, 1)) {
      for (const [start, end] of this.days.instantsOf(date)) {
        const last = intervals[intervals.length - 1];
        if (last && last[1] >= start) last[1] = Math.max(last[1], end);
        else intervals.push([start, end]);
      }
    }
    const starts = new Float64Array(intervals.length);
    const ends = new Float64Array(intervals.length);
    const openBefore = new Float64Array(intervals.length);
    const openAfter = new Float64Array(intervals.length);
    let total = 0;
    intervals.forEach(([start, end], index) => {
      starts[index] = start;
      ends[index] = end;
      openBefore[index] = total;
      total += end - start;
      openAfter[index] = total;
    });
    return { year, starts, ends, openBefore, openAfter, total, offset };
  }
}
