import type { BusinessCalendar } from '../domain/business-calendar';
import { TimeInterval, WEEKDAYS } from '../domain/calendar-definition';
import { civilDateOf } from '../domain/zoned-time';

export interface SupportHoursStatus {
  openNow: boolean;
  /** When it next opens (when closed) or closes (when open), epoch ms; null when not within reach. */
  nextOpenAt: number | null;
  nextCloseAt: number | null;
  timeZone: string;
  /** Monday first, as a Japanese week is printed. */
  week: Array<{ weekday: (typeof WEEKDAYS)[number]; intervals: TimeInterval[] }>;
  /** Why today is closed, when it is a holiday or a closure. */
  todayClosedBecause: string | null;
}

/** What the support-hours widget shows: open now or when it opens, and the week's regular hours. */
export function supportHoursStatus(calendar: BusinessCalendar, now: number): SupportHoursStatus {
  const definition = calendar.definition;
  const openNow = calendar.isOpen(now);
  const today = calendar.hoursOf(civilDateOf(now, definition.timeZone));
  const mondayFirst = [...WEEKDAYS.slice(1), WEEKDAYS[0]];
  return {
    openNow,
    nextOpenAt: openNow ? null : calendar.nextOpen(now),
    nextCloseAt: openNow ? calendar.nextClose(now) : null,
    timeZone: definition.timeZone,
    week: mondayFirst.map((weekday) => ({ weekday, intervals: definition.weekly[weekday] })),
    todayClosedBecause:
      today.reason === 'holiday' ? (today.holiday ?? 'holiday') : today.reason === 'closed' ? 'closed' : null,
  };
}
