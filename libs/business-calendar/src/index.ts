export { CalendarService } from './application/calendar.service';
export { describeWeeklyHours } from './application/describe-hours';
export { type SupportHoursStatus, supportHoursStatus } from './application/support-hours-status';
export { BusinessCalendarModule } from './business-calendar.module';
export * from './domain';
export { BusinessCalendarEntity } from './infrastructure/business-calendar.entity';
