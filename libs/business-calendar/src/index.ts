export { CalendarService } from './application/calendar.service';
export { describeWeeklyHours } from './application/describe-hours';
export { type SupportHoursStatus, supportHoursStatus } from './application/support-hours-status';
export { BusinessCalendarModule } from './business-calendar.module';
export { BusinessCalendar, type OpenInterval } from './domain/business-calendar';
export { calendarNotFound } from './domain/business-calendar.errors';
export {
  ALWAYS_OPEN,
  BUILT_IN_CALENDARS,
  type CalendarDefinition,
  calendarDefinitionProblems,
  type HolidayRule,
  SUPPORT_HOURS,
  type TimeInterval,
  type Weekday,
  WEEKDAYS,
} from './domain/calendar-definition';
export { CalendarRangeError, DayHours } from './domain/day-hours';
export { formatDuration, parseDuration } from './domain/duration';
export { holidaySource } from './domain/holidays';
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
} from './domain/zoned-time';
export { formatForPeople } from './domain/zoned-time';
export { BusinessCalendarEntity } from './infrastructure/business-calendar.entity';
