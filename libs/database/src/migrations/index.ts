import { Foundation1764300000000 } from './1764300000000-foundation';
import { IdentityAndAudit1764300100000 } from './1764300100000-identity-and-audit';
import { BusinessCalendars1764300200000 } from './1764300200000-business-calendars';
import { Tickets1764300300000 } from './1764300300000-tickets';
import { SlaAlerts1764300400000 } from './1764300400000-sla-alerts';
import { AuditSealing1764300500000 } from './1764300500000-audit-sealing';
import { TicketSearch1764300600000 } from './1764300600000-ticket-search';
import { TicketFollowUps1764300700000 } from './1764300700000-ticket-follow-ups';
import { SlaPolicies1764300800000 } from './1764300800000-sla-policies';
import { ReplyPresence1764300900000 } from './1764300900000-reply-presence';
import { CannedReplies1764301000000 } from './1764301000000-canned-replies';
import { AgentGroups1764301100000 } from './1764301100000-agent-groups';
import { Telephony1764301200000 } from './1764301200000-telephony';
import { KpiDefinitions1764301300000 } from './1764301300000-kpi-definitions';
import { DisclosureReports1764301400000 } from './1764301400000-disclosure-reports';
import { TicketBusinessTimes1764301500000 } from './1764301500000-ticket-business-times';
import { ServicesAndMaintenance1764301600000 } from './1764301600000-services-and-maintenance';
import { ServiceChanges1764301700000 } from './1764301700000-service-changes';
import { IncidentsAndNotices1764301800000 } from './1764301800000-incidents-and-notices';
import { MailOutbox1764301900000 } from './1764301900000-mail-outbox';
import { TicketAttachments1764302000000 } from './1764302000000-ticket-attachments';
import { NoticeBatchLeases1764302100000 } from './1764302100000-notice-batch-leases';
import { DeliveryRetries1764302200000 } from './1764302200000-delivery-retries';
import { PbxCoverage1764302300000 } from './1764302300000-pbx-coverage';
import { MailResend1764302400000 } from './1764302400000-mail-resend';
import { MailAlarmRoute1764302500000 } from './1764302500000-mail-alarm-route';
import { SignInSecurity1764302600000 } from './1764302600000-sign-in-security';
import { KeyedAuditChain1764302700000 } from './1764302700000-keyed-audit-chain';
import { EnglishTitles1764302800000 } from './1764302800000-english-titles';
import { TicketLookup1764302900000 } from './1764302900000-ticket-lookup';
import { AccountLinks1764303000000 } from './1764303000000-account-links';
import { Notifications1764303100000 } from './1764303100000-notifications';
import { LiveChanges1764303200000 } from './1764303200000-live-changes';
import { PersonalCannedReplies1764303300000 } from './1764303300000-personal-canned-replies';
import { TicketMerge1764303400000 } from './1764303400000-ticket-merge';
import { SlaNotifications1764303500000 } from './1764303500000-sla-notifications';
import { CallerLookup1764303600000 } from './1764303600000-caller-lookup';
import { SavedViews1764303700000 } from './1764303700000-saved-views';
import { RequesterEmailLookup1764303800000 } from './1764303800000-requester-email-lookup';
import { TicketTags1764303900000 } from './1764303900000-ticket-tags';
import { PhoneRequesters1764304000000 } from './1764304000000-phone-requesters';
import { DeskQueueOrder1764304100000 } from './1764304100000-desk-queue-order';
import { IncidentImpactHistory1764304200000 } from './1764304200000-incident-impact-history';
import { MonitoringAlerts1764304300000 } from './1764304300000-monitoring-alerts';
import { StatusChanges1764304400000 } from './1764304400000-status-changes';
import { StatusSubscriptions1764304500000 } from './1764304500000-status-subscriptions';
import { IncidentTitleCorrections1764304600000 } from './1764304600000-incident-title-corrections';
import { MaintenanceChanges1764304700000 } from './1764304700000-maintenance-changes';
import { ServiceChangeStatus1764304800000 } from './1764304800000-service-change-status';

/** Every migration, oldest first: one history for the whole schema, whichever library owns a table. */
export const MIGRATIONS = [
  Foundation1764300000000,
  IdentityAndAudit1764300100000,
  BusinessCalendars1764300200000,
  Tickets1764300300000,
  SlaAlerts1764300400000,
  AuditSealing1764300500000,
  TicketSearch1764300600000,
  TicketFollowUps1764300700000,
  SlaPolicies1764300800000,
  ReplyPresence1764300900000,
  CannedReplies1764301000000,
  AgentGroups1764301100000,
  Telephony1764301200000,
  KpiDefinitions1764301300000,
  DisclosureReports1764301400000,
  TicketBusinessTimes1764301500000,
  ServicesAndMaintenance1764301600000,
  ServiceChanges1764301700000,
  IncidentsAndNotices1764301800000,
  MailOutbox1764301900000,
  TicketAttachments1764302000000,
  NoticeBatchLeases1764302100000,
  DeliveryRetries1764302200000,
  PbxCoverage1764302300000,
  MailResend1764302400000,
  MailAlarmRoute1764302500000,
  SignInSecurity1764302600000,
  KeyedAuditChain1764302700000,
  EnglishTitles1764302800000,
  TicketLookup1764302900000,
  AccountLinks1764303000000,
  Notifications1764303100000,
  LiveChanges1764303200000,
  PersonalCannedReplies1764303300000,
  TicketMerge1764303400000,
  SlaNotifications1764303500000,
  CallerLookup1764303600000,
  SavedViews1764303700000,
  RequesterEmailLookup1764303800000,
  TicketTags1764303900000,
  PhoneRequesters1764304000000,
  DeskQueueOrder1764304100000,
  IncidentImpactHistory1764304200000,
  MonitoringAlerts1764304300000,
  StatusChanges1764304400000,
  StatusSubscriptions1764304500000,
  IncidentTitleCorrections1764304600000,
  MaintenanceChanges1764304700000,
  ServiceChangeStatus1764304800000,
];
