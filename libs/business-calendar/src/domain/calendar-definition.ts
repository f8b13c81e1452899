import type { FieldProblem } from '@madoguchi/common';

import { isValidTimeZone } from './zoned-time';

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock times `HH:MM`, half-open: open at `start`, closed at `end` (`24:00` allowed). */
export interface TimeInterval {
  start: string;
  end: string;
}

export type HolidayRule = 'jp' | 'none';

/** A business calendar as managers write it and the API carries it. */
export interface CalendarDefinition {
  id: string;
  name: string;
  timeZone: string;
  weekly: Record<Weekday, TimeInterval[]>;
  holidays: HolidayRule;
  /** Dates (local, `YYYY-MM-DD`) with no open time at all, e.g. a year-end break. */
  closedDates: string[];
  /** Dates open with their own hours instead of the weekly ones (even on a holiday). */
  openDates: Array<{ date: string; intervals: TimeInterval[] }>;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[a-z0-9][a-z0-9-]{0,49}$/;

export function minuteOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export function isValidDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function intervalProblems(intervals: TimeInterval[], field: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  let previousEnd = -1;
  intervals.forEach((interval, index) => {
    const at = `${field}[${index}]`;
    if (!TIME.test(interval?.start ?? '') || !TIME.test(interval?.end ?? '') || interval.start === '24:00') {
      problems.push({
        field: at,
        messages: ['start and end must be HH:MM times (end may be 24:00)'],
        rule: 'calendar.time',
      });
      return;
    }
    const start = minuteOfDay(interval.start);
    const end = minuteOfDay(interval.end);
    if (end <= start)
      problems.push({ field: at, messages: ['end must be after start'], rule: 'calendar.end-before-start' });
    else if (start < previousEnd)
      problems.push({ field: at, messages: ['intervals must be in order and not overlap'], rule: 'calendar.overlap' });
    previousEnd = Math.max(previousEnd, end);
  });
  return problems;
}

/** Everything wrong with a definition, field by field (empty when valid). */
export function calendarDefinitionProblems(definition: CalendarDefinition): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!ID.test(definition.id ?? '')) {
    problems.push({
      field: 'id',
      messages: ['id must be 1-50 lowercase letters, digits or dashes'],
      rule: 'calendar.id',
    });
  }
  if (typeof definition.name !== 'string' || definition.name.trim() === '' || definition.name.length > 200) {
    problems.push({
      field: 'name',
      messages: ['name must be 1-200 characters'],
      rule: 'lengthBetween',
      params: { min: '1', max: '200' },
    });
  }
  if (typeof definition.timeZone !== 'string' || !isValidTimeZone(definition.timeZone)) {
    problems.push({
      field: 'timeZone',
      messages: ['timeZone must be an IANA time zone such as Asia/Tokyo'],
      rule: 'calendar.time-zone',
    });
  }
  if (definition.holidays !== 'jp' && definition.holidays !== 'none') {
    problems.push({ field: 'holidays', messages: ['holidays must be "jp" or "none"'], rule: 'choice' });
  }
  for (const weekday of WEEKDAYS) {
    const intervals = definition.weekly?.[weekday];
    if (!Array.isArray(intervals))
      problems.push({
        field: `weekly.${weekday}`,
        messages: ['a list of intervals is required'],
        rule: 'calendar.intervals',
      });
    else problems.push(...intervalProblems(intervals, `weekly.${weekday}`));
  }
  (definition.closedDates ?? []).forEach((date, index) => {
    if (!isValidDate(date))
      problems.push({ field: `closedDates[${index}]`, messages: ['must be a YYYY-MM-DD date'], rule: 'calendar.date' });
  });
  const seen = new Set<string>();
  (definition.openDates ?? []).forEach((openDate, index) => {
    const field = `openDates[${index}]`;
    if (!isValidDate(openDate?.date ?? ''))
      problems.push({ field: `${field}.date`, messages: ['must be a YYYY-MM-DD date'], rule: 'calendar.date' });
    else if (seen.has(openDate.date))
      problems.push({
        field: `${field}.date`,
        messages: ['each date may appear once'],
        rule: 'calendar.date-repeated',
      });
    else seen.add(openDate.date);
    if (!Array.isArray(openDate?.intervals))
      problems.push({
        field: `${field}.intervals`,
        messages: ['a list of intervals is required'],
        rule: 'calendar.intervals',
      });
    else problems.push(...intervalProblems(openDate.intervals, `${field}.intervals`));
  });
  return problems;
}

const LUNCH_BREAK_DAY: TimeInterval[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
];
const ALL_DAY: TimeInterval[] = [{ start: '00:00', end: '24:00' }];

/** The published phone desk hours: weekdays 9–12 and 13–17 Japan time, closed on national holidays. */
export const SUPPORT_HOURS: CalendarDefinition = {
  id: 'support-hours',
  name: 'サポート受付時間 (Support hours)',
  timeZone: 'Asia/Tokyo',
  weekly: {
    sunday: [],
    monday: LUNCH_BREAK_DAY,
    tuesday: LUNCH_BREAK_DAY,
    wednesday: LUNCH_BREAK_DAY,
    thursday: LUNCH_BREAK_DAY,
    friday: LUNCH_BREAK_DAY,
    saturday: [],
  },
  holidays: 'jp',
  closedDates: [],
  openDates: [],
};

/** The web inquiry form's hours: always. */
export const ALWAYS_OPEN: CalendarDefinition = {
  id: 'always-open',
  name: '24時間365日 (Always open)',
  timeZone: 'Asia/Tokyo',
  weekly: {
    sunday: ALL_DAY,
    monday: ALL_DAY,
    tuesday: ALL_DAY,
    wednesday: ALL_DAY,
    thursday: ALL_DAY,
    friday: ALL_DAY,
    saturday: ALL_DAY,
  },
  holidays: 'none',
  closedDates: [],
  openDates: [],
};

export const BUILT_IN_CALENDARS = [SUPPORT_HOURS, ALWAYS_OPEN];
