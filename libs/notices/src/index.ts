export { type MaintenanceInput, Maintenances } from './application/maintenances';
export { ServiceChanges } from './application/service-changes';
export { Services } from './application/services';
export {
  addCalendarMonths,
  type MaintenanceDraft,
  maintenanceViolations,
  PLANNED_MAINTENANCE_NOTICE_MONTHS,
  type RuleViolation,
  SERVICE_CHANGE_NOTICE_MONTHS,
  serviceChangeViolations,
} from './domain/notice-rules';
export { MaintenanceEntity, MaintenanceServiceEntity } from './infrastructure/maintenance.entity';
export { SERVICE_STATUSES, ServiceEntity, type ServiceStatus } from './infrastructure/service.entity';
export { ServiceChangeEntity } from './infrastructure/service-change.entity';
export { NoticesModule } from './notices.module';
