export { IncidentAlerts, type UnnotifiedIncident } from './application/incident-alerts';
export {
  type BilingualMessage,
  type IncidentInput,
  Incidents,
  type IncidentUpdateInput,
} from './application/incidents';
export { MaintenanceNotices } from './application/maintenance-notices';
export { type MaintenanceInput, Maintenances } from './application/maintenances';
export { type DeliveryProgress, NoticeOutbox } from './application/notice-outbox';
export { NOTICE_DELIVERY_QUEUE, NOTICE_TIMERS_QUEUE } from './application/notices.queue';
export { ServiceChanges } from './application/service-changes';
export { Services } from './application/services';
export { STATUS_HISTORY_DAYS, StatusPage } from './application/status-page';
export { Subscribers } from './application/subscribers';
export type { Audience } from './domain/audience';
export { cancellationSequence, maintenanceCalendar, statusAtomFeed } from './domain/feeds';
export { INCIDENT_IMPACTS, INCIDENT_STATUSES, type IncidentImpact, type IncidentStatus } from './domain/incident';
export {
  addCalendarMonths,
  type MaintenanceDraft,
  maintenanceViolations,
  PLANNED_MAINTENANCE_NOTICE_MONTHS,
  type RuleViolation,
  SERVICE_CHANGE_NOTICE_MONTHS,
  serviceChangeViolations,
} from './domain/notice-rules';
export { SERVICE_STATUSES, type ServiceStatus } from './domain/service-status';
export {
  IncidentAlertEntity,
  IncidentEntity,
  IncidentServiceEntity,
  IncidentUpdateEntity,
} from './infrastructure/incident.entity';
export { MaintenanceEntity, MaintenanceServiceEntity } from './infrastructure/maintenance.entity';
export { MaintenanceScheduleEntity } from './infrastructure/maintenance-schedule.entity';
export { NoticeBatchEntity, NoticeDeliveryEntity, NoticeEntity } from './infrastructure/notice.entity';
export { ServiceEntity } from './infrastructure/service.entity';
export { ServiceChangeEntity } from './infrastructure/service-change.entity';
export {
  MailQuarantineEntity,
  NoticeExtraRecipientEntity,
  OrganizationServiceEntity,
} from './infrastructure/subscriber.entities';
export { NoticesModule } from './notices.module';
