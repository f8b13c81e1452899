import { Global, Module } from '@nestjs/common';

import { AgentGroupService } from './application/agent-group.service';
import { AutoCloseConsumer } from './application/auto-close.consumer';
import { AutoCloseService } from './application/auto-close.service';
import { CannedReplyService } from './application/canned-reply.service';
import { InboundMailService } from './application/inbound-mail.service';
import { InquiryService } from './application/inquiry.service';
import { InquiryWriterService } from './application/inquiry-writer.service';
import { LiveTicketChanges } from './application/live-ticket-changes.service';
import { NotificationService } from './application/notification.service';
import { ReplyPresenceService } from './application/reply-presence.service';
import { SavedViewService } from './application/saved-view.service';
import { SlaPolicyService } from './application/sla-policy.service';
import { SlaScanConsumer } from './application/sla-scan.consumer';
import { SlaScanService } from './application/sla-scan.service';
import { TagService } from './application/tag.service';
import { TicketAttachmentMailSource } from './application/ticket-attachment-mail-source';
import { TicketCommandService } from './application/ticket-command.service';
import { TicketExportService } from './application/ticket-export.service';
import { TicketHistoryService } from './application/ticket-history.service';
import { TicketNumberService } from './application/ticket-number.service';
import { TicketOpenerService } from './application/ticket-opener.service';
import { TicketQueryService } from './application/ticket-query.service';
import { AgentGroupRepository } from './infrastructure/agent-group.repository';
import { CannedReplyRepository } from './infrastructure/canned-reply.repository';
import { IdempotencyKeys } from './infrastructure/idempotency-keys';
import { NotificationRepository } from './infrastructure/notification.repository';
import { ReplyPresenceRepository } from './infrastructure/reply-presence.repository';
import { SavedViewRepository } from './infrastructure/saved-view.repository';
import { SlaAlertRepository } from './infrastructure/sla-alert.repository';
import { SlaPolicyRepository } from './infrastructure/sla-policy.repository';
import { TagRepository } from './infrastructure/tag.repository';
import { TicketRepository } from './infrastructure/ticket.repository';
import { TicketAttachments } from './infrastructure/ticket-attachments';

@Global()
@Module({
  providers: [
    TicketRepository,
    NotificationRepository,
    NotificationService,
    LiveTicketChanges,
    AgentGroupRepository,
    CannedReplyRepository,
    ReplyPresenceRepository,
    SavedViewRepository,
    SavedViewService,
    TagRepository,
    TagService,
    SlaAlertRepository,
    SlaPolicyRepository,
    TicketHistoryService,
    InquiryService,
    TicketQueryService,
    TicketCommandService,
    SlaScanService,
    SlaScanConsumer,
    TicketExportService,
    TicketOpenerService,
    TicketNumberService,
    InquiryWriterService,
    InboundMailService,
    IdempotencyKeys,
    TicketAttachments,
    TicketAttachmentMailSource,
    AutoCloseService,
    AutoCloseConsumer,
    SlaPolicyService,
    ReplyPresenceService,
    CannedReplyService,
    AgentGroupService,
  ],
  exports: [
    SavedViewService,
    TagService,
    TicketHistoryService,
    NotificationService,
    LiveTicketChanges,
    InboundMailService,
    TicketOpenerService,
    InquiryService,
    TicketQueryService,
    TicketCommandService,
    SlaScanService,
    TicketExportService,
    AutoCloseService,
    SlaPolicyService,
    ReplyPresenceService,
    CannedReplyService,
    AgentGroupService,
  ],
})
export class TicketsModule {}
