export {
  addCalendarMonths,
  type MaintenanceDraft,
  maintenanceViolations,
  PLANNED_MAINTENANCE_NOTICE_MONTHS,
  type RuleViolation,
  SERVICE_CHANGE_NOTICE_MONTHS,
  serviceChangeViolations,
} from './domain/notice-rules';
