export {
  type BilingualMessage,
  type IncidentInput,
  IncidentService,
  type IncidentUpdateInput,
} from './application/incident.service';
export { IncidentAlertService, type UnnotifiedIncident } from './application/incident-alert.service';
export { type MaintenanceInput, MaintenanceService } from './application/maintenance.service';
export { MaintenanceNoticeService } from './application/maintenance-notice.service';
export { type AlertOutcome, MonitoringAlertService } from './application/monitoring-alert.service';
export { type DeliveryProgress, NoticeOutboxService } from './application/notice-outbox.service';
export { NOTICE_DELIVERY_QUEUE, NOTICE_TIMERS_QUEUE } from './application/notices.queue';
export {
  type AvailabilityPeriod,
  type ServiceAvailability,
  ServiceAvailabilityService,
} from './application/service-availability.service';
export { ServiceCatalogService } from './application/service-catalog.service';
export { ServiceChangeService } from './application/service-change.service';
export { STATUS_HISTORY_DAYS, StatusPageService } from './application/status-page.service';
export {
  StatusSubscriptionService,
  SUBSCRIPTION_LINK_VALID_MS,
  type SubscriptionRequest,
  type SubscriptionView,
} from './application/status-subscription.service';
export { SubscriberService } from './application/subscriber.service';
export type { Audience } from './domain/audience';
export {
  type AvailabilityFigure,
  availabilityOver,
  type AvailabilityRules,
  combinedAvailability,
  DEFAULT_AVAILABILITY_RULES,
  type ImpactSpan,
  impactSpans,
  type IncidentStep,
  type MaintenanceSpan,
} from './domain/availability';
export { inLanguage, type NoticeLanguage } from './domain/bilingual';
export { changeSequence, maintenanceCalendar, statusAtomFeed } from './domain/feeds';
export { INCIDENT_IMPACTS, INCIDENT_STATUSES, type IncidentImpact, type IncidentStatus } from './domain/incident';
export { REMINDER_UNITS, reminderPeriod } from './domain/maintenance-schedule';
export {
  type AlertPayloadProblem,
  type AlertPayloadReading,
  MAX_ALERTS_PER_PAYLOAD,
  type MonitoringAlert,
  readAlertmanagerPayload,
  readGenericAlert,
} from './domain/monitoring-alert';
export {
  addCalendarMonths,
  type MaintenanceDraft,
  maintenanceViolations,
  PLANNED_MAINTENANCE_NOTICE_MONTHS,
  type RuleViolation,
  SERVICE_CHANGE_NOTICE_MONTHS,
  serviceChangeViolations,
} from './domain/notice-rules';
export { subscriptionRateLimited } from './domain/notices.errors';
export { SERVICE_STATUSES, type ServiceStatus } from './domain/service-status';
export {
  IncidentAlertEntity,
  IncidentEntity,
  IncidentServiceEntity,
  IncidentUpdateEntity,
  MonitoringAlertEntity,
} from './infrastructure/incident.entity';
export { MaintenanceEntity, MaintenanceServiceEntity } from './infrastructure/maintenance.entity';
export { MaintenanceScheduleEntity } from './infrastructure/maintenance-schedule.entity';
export { NoticeBatchEntity, NoticeDeliveryEntity, NoticeEntity } from './infrastructure/notice.entity';
export { ServiceEntity } from './infrastructure/service.entity';
export { ServiceChangeEntity } from './infrastructure/service-change.entity';
export { STATUS_CHANNEL } from './infrastructure/status-channel';
export {
  MailQuarantineEntity,
  NoticeExtraRecipientEntity,
  OrganizationServiceEntity,
  StatusSubscriberEntity,
} from './infrastructure/subscriber.entities';
export { NoticesModule } from './notices.module';
export { formatNoticeTime, incidentStatusLabel } from './templates/notice-mail.templates';
