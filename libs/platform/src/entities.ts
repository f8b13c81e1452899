import type { EntitySchema } from 'typeorm';

import { AuditEventEntity } from '@madoguchi/audit';
import { BusinessCalendarEntity } from '@madoguchi/business-calendar';
import { AccessTokenEntity, OrganizationEntity, UserEntity } from '@madoguchi/identity';
import { DisclosureReportEntity, KpiDefinitionEntity } from '@madoguchi/kpi';
import { MailOutboxEntity } from '@madoguchi/mail';
import {
  IncidentAlertEntity,
  IncidentEntity,
  IncidentServiceEntity,
  IncidentUpdateEntity,
  MailQuarantineEntity,
  MaintenanceEntity,
  MaintenanceScheduleEntity,
  MaintenanceServiceEntity,
  MonitoringAlertEntity,
  NoticeBatchEntity,
  NoticeDeliveryEntity,
  NoticeEntity,
  NoticeExtraRecipientEntity,
  OrganizationServiceEntity,
  ServiceChangeEntity,
  ServiceEntity,
  StatusSubscriberEntity,
} from '@madoguchi/notices';
import {
  AgentPresenceChangeEntity,
  DeskClosureEntity,
  TelephonyAgentEntity,
  TelephonyCallEntity,
  TelephonyImportChunkEntity,
  TelephonyImportEntity,
} from '@madoguchi/telephony';
import {
  AgentGroupEntity,
  AgentGroupMemberEntity,
  CannedReplyEntity,
  IdempotencyKeyEntity,
  ReplyPresenceEntity,
  SlaAlertEntity,
  SlaPolicyEntity,
  TicketAttachmentEntity,
  TicketEntity,
  TicketEventEntity,
  TicketMessageEntity,
} from '@madoguchi/tickets';

/**
 * Every TypeORM entity, from every library: the app's connection and the migration CLI read this
 * one list, so `npm run migration:generate` sees exactly what the running app maps.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const ENTITIES: Array<Function | EntitySchema> = [
  OrganizationEntity,
  UserEntity,
  AccessTokenEntity,
  AuditEventEntity,
  BusinessCalendarEntity,
  TicketEntity,
  TicketMessageEntity,
  TicketAttachmentEntity,
  TicketEventEntity,
  IdempotencyKeyEntity,
  SlaAlertEntity,
  SlaPolicyEntity,
  ReplyPresenceEntity,
  CannedReplyEntity,
  AgentGroupEntity,
  AgentGroupMemberEntity,
  TelephonyImportEntity,
  TelephonyImportChunkEntity,
  TelephonyCallEntity,
  TelephonyAgentEntity,
  AgentPresenceChangeEntity,
  DeskClosureEntity,
  KpiDefinitionEntity,
  DisclosureReportEntity,
  ServiceEntity,
  MaintenanceEntity,
  MaintenanceServiceEntity,
  ServiceChangeEntity,
  IncidentEntity,
  IncidentServiceEntity,
  IncidentUpdateEntity,
  IncidentAlertEntity,
  MonitoringAlertEntity,
  NoticeEntity,
  NoticeBatchEntity,
  NoticeDeliveryEntity,
  OrganizationServiceEntity,
  NoticeExtraRecipientEntity,
  MailQuarantineEntity,
  StatusSubscriberEntity,
  MaintenanceScheduleEntity,
  MailOutboxEntity,
];
