import { DomainError } from '@madoguchi/common';

import { CalendarDefinition, minuteOfDay, TimeInterval, WEEKDAYS } from './calendar-definition';
import { HolidaySource } from './holidays';
import { CivilDate, formatCivilDate, weekdayOf, zonedToEpoch } from './zoned-time';

/** Asked about a year the holiday data does not cover: the calendar says so rather than guess "open". */
export class CalendarRangeError extends DomainError {
  constructor(
    readonly year: number,
    readonly firstYear: number,
    readonly lastYear: number,
  ) {
    super(
      'calendar.out-of-range',
      `The calendar cannot answer for ${year}: its holiday data covers ${firstYear}–${lastYear}.`,
      'rule-violation',
      { rule: 'calendar.holiday-data-range', firstYear, lastYear },
    );
    this.name = 'CalendarRangeError';
  }
}

/**
 * One calendar's hours for any single local date, as epoch-ms half-open intervals. Precedence:
 * a special open date, then a closed date or national holiday, then the weekday's hours.
 */
export class DayHours {
  private readonly closed: Set<string>;
  private readonly special: Map<string, TimeInterval[]>;

  constructor(
    readonly definition: CalendarDefinition,
    readonly holidays: HolidaySource,
  ) {
    this.closed = new Set(definition.closedDates);
    this.special = new Map(definition.openDates.map((openDate) => [openDate.date, openDate.intervals]));
  }

  /** The local hours of a date, and why (for previews). */
  hoursOf(date: CivilDate): {
    intervals: TimeInterval[];
    reason: 'weekly' | 'special' | 'closed' | 'holiday';
    holiday?: string;
  } {
    if (date.year < this.holidays.firstYear || date.year > this.holidays.lastYear) {
      throw new CalendarRangeError(date.year, this.holidays.firstYear, this.holidays.lastYear);
    }
    const key = formatCivilDate(date);
    const special = this.special.get(key);
    if (special) return { intervals: special, reason: 'special' };
    if (this.closed.has(key)) return { intervals: [], reason: 'closed' };
    const holiday = this.holidays.holidayName(key);
    if (holiday) return { intervals: [], reason: 'holiday', holiday };
    return { intervals: this.definition.weekly[WEEKDAYS[weekdayOf(date)]!], reason: 'weekly' };
  }

  /**
   * The date's open intervals as instants, disjoint and in order. A DST switch inside an interval
   * changes its length; on a spring-forward day two local intervals can name overlapping instants
   * (00:00–01:15 and 02:00–02:15 in London when 01:00–02:00 is skipped): they are united, never
   * counted twice.
   */
  instantsOf(date: CivilDate): Array<[number, number]> {
    const zone = this.definition.timeZone;
    const result: Array<[number, number]> = [];
    for (const interval of this.hoursOf(date).intervals) {
      const start = zonedToEpoch(date.year, date.month, date.day, minuteOfDay(interval.start), zone);
      const end = zonedToEpoch(date.year, date.month, date.day, minuteOfDay(interval.end), zone);
      if (end <= start) continue;
      const last = result[result.length - 1];
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else result.push([start, end]);
    }
    return result;
  }
}
