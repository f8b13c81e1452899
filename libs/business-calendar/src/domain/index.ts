/**
 * The business-calendar library's domain: plain TypeScript, no framework or driver behind it. Other libraries'
 * domain code imports it as `@madoguchi/business-calendar/domain`; everything else takes it from the library's
 * index, which re-exports it.
 */
export { BusinessCalendar, type OpenInterval } from './business-calendar';
export { calendarNotFound } from './business-calendar.errors';
export {
  ALWAYS_OPEN,
  BUILT_IN_CALENDARS,
  type CalendarDefinition,
  calendarDefinitionProblems,
  type HolidayRule,
  minuteOfDay,
  SUPPORT_HOURS,
  type TimeInterval,
  type Weekday,
  WEEKDAYS,
} from './calendar-definition';
export { CalendarRangeError, DayHours } from './day-hours';
export { formatDuration, parseDuration } from './duration';
export { holidaySource } from './holidays';
export { formatDurationForPeople, formatInstant, type InstantFormat, zoneLabel } from './people-time';
export {
  addDays,
  type CivilDate,
  civilDateOf,
  formatCivilDate,
  formatInZone,
  offsetAt,
  parseCivilDate,
  weekdayOf,
  zonedToEpoch,
} from './zoned-time';
