import type { CalendarDefinition, TimeInterval, Weekday } from '@madoguchi/business-calendar';
import { WEEKDAYS } from '@madoguchi/business-calendar';
import type { FieldProblem } from '@madoguchi/common';

import { localizedFieldProblem } from '../../http/field-violations';
import { type Language, translator } from '../../i18n/i18n';
import type { FieldErrors } from '../shared/web-form';

const INTERVAL = /^(\d{2}:\d{2})\s*[-–〜~]\s*(\d{2}:\d{2})$/;

/** "09:00-12:00, 13:00-17:00" → intervals; null when a part is not of that form. */
export function parseIntervals(text: string): TimeInterval[] | null {
  const parts = text
    .split(/[,、]/)
    .map((part) => part.trim())
    .filter(Boolean);
  const intervals: TimeInterval[] = [];
  for (const part of parts) {
    const match = INTERVAL.exec(part);
    if (!match) return null;
    intervals.push({ start: match[1]!, end: match[2]! });
  }
  return intervals;
}

export function formatIntervals(intervals: TimeInterval[]): string {
  return intervals.map((i) => `${i.start}-${i.end}`).join(', ');
}

/** Interval slots the weekly grid shows per day at least (three: morning, afternoon, evening). */
export const WEEKLY_SLOTS = 3;

/** The grid's fields for one interval: `weekly.monday.0.start`, `weekly.monday.0.end`. */
export const slotField = (day: Weekday, slot: number, end: 'start' | 'end') => `weekly.${day}.${slot}.${end}`;

const SLOT_FIELD = /^weekly\.(\w+)\.(\d+)\.(?:start|end)$/;

/** How many interval slots each row of the grid needs: the most any day fills, plus one free, at least WEEKLY_SLOTS. */
export function weeklySlotCount(fields: Record<string, unknown>): number {
  let used = 0;
  for (const [name, value] of Object.entries(fields)) {
    const match = SLOT_FIELD.exec(name);
    if (match && typeof value === 'string' && value.trim()) used = Math.max(used, Number(match[2]) + 1);
  }
  return Math.max(WEEKLY_SLOTS, used + 1);
}

/** The edit form's fields for a definition: the weekly grid's start and end per slot, dates as lines. */
export function calendarFormFields(definition: CalendarDefinition): Record<string, string> {
  return {
    name: definition.name,
    timeZone: definition.timeZone,
    holidays: definition.holidays,
    ...Object.fromEntries(
      WEEKDAYS.flatMap((day) =>
        definition.weekly[day].flatMap((interval, slot) => [
          [slotField(day, slot, 'start'), interval.start],
          [slotField(day, slot, 'end'), interval.end],
        ]),
      ),
    ),
    closedDates: definition.closedDates.join('\n'),
    openDates: definition.openDates.map((d) => `${d.date} ${formatIntervals(d.intervals)}`).join('\n'),
  };
}

/**
 * Reads the edit form back into a definition. Text that cannot be read is reported under its
 * field; everything else is left to the domain's own validation.
 */
export function calendarFromForm(
  id: string,
  body: Record<string, string | undefined>,
  language: Language,
): { definition: CalendarDefinition; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const intervalsOf = (field: string, text: string) => {
    const parsed = parseIntervals(text);
    if (parsed === null) errors[field] = [translator(language)('validation.calendar.intervals-format')];
    return parsed ?? [];
  };
  const lines = (text: string | undefined) =>
    (text ?? '')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
  const openDates = lines(body.openDates).map((line) => {
    const [date = '', ...rest] = line.split(/\s+/);
    return { date, intervals: intervalsOf('openDates', rest.join(' ')) };
  });
  // A grid row's slots, in order; a slot left empty is no interval, a half-filled one is refused.
  const weeklyOf = (day: Weekday): TimeInterval[] => {
    const intervals: TimeInterval[] = [];
    for (let slot = 0; slot < weeklySlotCount(body); slot += 1) {
      const start = body[slotField(day, slot, 'start')]?.trim() ?? '';
      const end = body[slotField(day, slot, 'end')]?.trim() ?? '';
      if (!start && !end) continue;
      if (!start || !end) errors[`weekly.${day}`] = [translator(language)('validation.calendar.interval-incomplete')];
      else intervals.push({ start, end });
    }
    return intervals;
  };
  const definition: CalendarDefinition = {
    id,
    name: body.name ?? '',
    timeZone: body.timeZone ?? '',
    holidays: body.holidays === 'none' ? 'none' : 'jp',
    weekly: Object.fromEntries(WEEKDAYS.map((day) => [day, weeklyOf(day)])) as CalendarDefinition['weekly'],
    closedDates: lines(body.closedDates),
    openDates,
  };
  return { definition, errors };
}

/** Domain problems (`weekly.monday[0]`, `closedDates[2]`) shown next to the form field they came from, in the reader's words. */
export function errorsByFormField(problems: FieldProblem[], language: Language): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problems.map((original) => localizedFieldProblem(original, language))) {
    const field = problem.field.replace(/\[\d+\].*$/, '');
    const at = /\[(\d+)\]/.exec(problem.field);
    const prefix = at && !field.startsWith('weekly.') ? `#${Number(at[1]) + 1}: ` : '';
    (errors[field] ??= []).push(...problem.messages.map((message) => prefix + message));
  }
  return errors;
}
