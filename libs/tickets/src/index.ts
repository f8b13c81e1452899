export { type AgentGroup, AgentGroups } from './application/agent-groups';
export { AutoCloseUseCase } from './application/auto-close.use-case';
export { CannedReplies } from './application/canned-replies';
export { type ExportedTicket, type ExportFormat, ExportTicketsUseCase } from './application/export-tickets.use-case';
export { InquiryWriter } from './application/inquiry-writer';
export { type InboundOutcome, ReceiveInboundMail } from './application/receive-inbound-mail';
export { ReplyPresence } from './application/reply-presence';
export { TICKET_TIMERS_QUEUE } from './application/sla.queue';
export { type SlaPolicyInput, SlaPolicyService } from './application/sla-policy.service';
export { type RaisedAlert, SlaScanUseCase } from './application/sla-scan.use-case';
export { type InquiryInput, type InquiryReceipt, SubmitInquiryUseCase } from './application/submit-inquiry.use-case';
export { type TicketChanges, TicketCommands } from './application/ticket-commands';
export { type OpenedTicket, TicketOpener } from './application/ticket-opener';
export { decodeCursor, TicketQueries } from './application/ticket-queries';
export { contentDisposition, servedContentType } from './domain/attachment';
export {
  AUTO_CLOSE_BUSINESS_DAYS,
  defaultSlaTargets,
  dueTimes,
  resumeAfterPending,
  type SlaBadge,
  slaBadge,
} from './domain/sla';
export { type SlaConditions, type SlaPolicy } from './domain/sla-policy';
export {
  INQUIRY_CATEGORIES,
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
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
export { ticketNotFound } from './domain/tickets.errors';
export { AgentGroupEntity, AgentGroupMemberEntity } from './infrastructure/agent-group.entity';
export { CannedReplyEntity } from './infrastructure/canned-reply.entity';
export { IdempotencyKeyEntity } from './infrastructure/idempotency-key.entity';
export { ReplyPresenceEntity } from './infrastructure/reply-presence.entity';
export { SlaAlertEntity } from './infrastructure/sla-alert.entity';
export { SlaPolicyEntity } from './infrastructure/sla-policy.entity';
export { TicketEntity } from './infrastructure/ticket.entity';
export { TicketAttachmentEntity } from './infrastructure/ticket-attachment.entity';
export { TicketEventEntity } from './infrastructure/ticket-event.entity';
export { TicketMessageEntity } from './infrastructure/ticket-message.entity';
export { TicketsModule } from './tickets.module';
