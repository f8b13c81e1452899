export { type AgentGroup, AgentGroupService } from './application/agent-group.service';
export { AutoCloseService } from './application/auto-close.service';
export { type CannedReply, type CannedReplyInput, CannedReplyService } from './application/canned-reply.service';
export { InboundMailService, type InboundOutcome } from './application/inbound-mail.service';
export { type InquiryInput, type InquiryReceipt, InquiryService } from './application/inquiry.service';
export { InquiryWriterService } from './application/inquiry-writer.service';
export { type LiveEvent, type LiveSubscriber, LiveTicketChanges } from './application/live-ticket-changes.service';
export { NOTIFICATION_LIST_SIZE, NotificationService } from './application/notification.service';
export { ReplyPresenceService } from './application/reply-presence.service';
export { MAX_SAVED_VIEWS, SAVED_VIEW_PARAMETERS, SavedViewService } from './application/saved-view.service';
export { TICKET_TIMERS_QUEUE } from './application/sla.queue';
export { type SlaPolicyInput, SlaPolicyService } from './application/sla-policy.service';
export { type RaisedAlert, SlaScanService } from './application/sla-scan.service';
export { type Tag, TagService } from './application/tag.service';
export { type TicketChanges, TicketCommandService } from './application/ticket-command.service';
export { type ExportedTicket, type ExportFormat, TicketExportService } from './application/ticket-export.service';
export { TicketHistoryService } from './application/ticket-history.service';
export { type OpenedTicket, TicketOpenerService } from './application/ticket-opener.service';
export { decodeCursor, TicketQueryService } from './application/ticket-query.service';
export {
  type AttachmentFile,
  checkedUploads,
  contentDisposition,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_MESSAGE,
  servedContentType,
  sniffContentType,
  UPLOAD_FIELD,
  UPLOAD_REFUSALS,
  type UploadedFile,
} from './domain/attachment';
export { CANNED_PLACEHOLDERS, type CannedPlaceholder } from './domain/canned-reply';
export { NOTIFICATION_KINDS, type NotificationKind } from './domain/notification';
export {
  AUTO_CLOSE_BUSINESS_DAYS,
  defaultSlaTargets,
  dueTimes,
  resumeAfterPending,
  SLA_CLOCK_STATES,
  type SlaBadge,
  slaBadge,
  slaClocks,
  type SlaClockView,
} from './domain/sla';
export { type SlaConditions, type SlaPolicy } from './domain/sla-policy';
export {
  INQUIRY_CATEGORIES,
  type InquiryCategory,
  MAX_BULK_TICKETS,
  REPLY_STATUSES,
  TICKET_CHANNELS,
  TICKET_EVENT_KINDS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketChannel,
  type TicketDraft,
  type TicketPriority,
  type TicketStatus,
} from './domain/ticket';
export {
  afterMessage,
  agentStatusChange,
  retargeted,
  statusChange,
  type TicketUpdate,
} from './domain/ticket-lifecycle';
export { phoneDigits, type TicketSearchTerms, ticketSearchTerms } from './domain/ticket-search';
export { MAX_TAG_LENGTH, MAX_TAGS_PER_TICKET } from './domain/ticket-tag';
export { inquiryRateLimited, ticketNotFound, uploadsRefused } from './domain/tickets.errors';
export { AgentGroupEntity, AgentGroupMemberEntity } from './infrastructure/agent-group.entity';
export { CannedReplyEntity } from './infrastructure/canned-reply.entity';
export { IdempotencyKeyEntity } from './infrastructure/idempotency-key.entity';
export { type TicketChange } from './infrastructure/live-channels';
export { ReplyPresenceEntity } from './infrastructure/reply-presence.entity';
export { SlaAlertEntity } from './infrastructure/sla-alert.entity';
export { SlaPolicyEntity } from './infrastructure/sla-policy.entity';
export { TicketEntity } from './infrastructure/ticket.entity';
export type { TicketFilter, TicketSort } from './infrastructure/ticket.repository';
export { TicketAttachmentEntity } from './infrastructure/ticket-attachment.entity';
export { TicketEventEntity } from './infrastructure/ticket-event.entity';
export { TicketMessageEntity } from './infrastructure/ticket-message.entity';
export { TicketsModule } from './tickets.module';
