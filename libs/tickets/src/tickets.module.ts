import { Global, Module } from '@nestjs/common';

import { AgentGroups } from './application/agent-groups';
import { AutoCloseConsumer } from './application/auto-close.consumer';
import { AutoCloseUseCase } from './application/auto-close.use-case';
import { CannedReplies } from './application/canned-replies';
import { ExportTicketsUseCase } from './application/export-tickets.use-case';
import { InquiryWriter } from './application/inquiry-writer';
import { ReceiveInboundMail } from './application/receive-inbound-mail';
import { ReplyPresence } from './application/reply-presence';
import { SlaPolicyService } from './application/sla-policy.service';
import { SlaScanConsumer } from './application/sla-scan.consumer';
import { SlaScanUseCase } from './application/sla-scan.use-case';
import { SubmitInquiryUseCase } from './application/submit-inquiry.use-case';
import { TicketCommands } from './application/ticket-commands';
import { TicketHistory } from './application/ticket-history';
import { TicketNumbers } from './application/ticket-numbers';
import { TicketOpener } from './application/ticket-opener';
import { TicketQueries } from './application/ticket-queries';
import { AgentGroupRepository } from './infrastructure/agent-group.repository';
import { CannedReplyRepository } from './infrastructure/canned-reply.repository';
import { IdempotencyKeys } from './infrastructure/idempotency-keys';
import { ReplyPresenceRepository } from './infrastructure/reply-presence.repository';
import { SlaAlertRepository } from './infrastructure/sla-alert.repository';
import { SlaPolicyRepository } from './infrastructure/sla-policy.repository';
import { TicketRepository } from './infrastructure/ticket.repository';
import { TicketAttachments } from './infrastructure/ticket-attachments';

@Global()
@Module({
  providers: [
    TicketRepository,
    AgentGroupRepository,
    CannedReplyRepository,
    ReplyPresenceRepository,
    SlaAlertRepository,
    SlaPolicyRepository,
    TicketHistory,
    SubmitInquiryUseCase,
    TicketQueries,
    TicketCommands,
    SlaScanUseCase,
    SlaScanConsumer,
    ExportTicketsUseCase,
    TicketOpener,
    TicketNumbers,
    InquiryWriter,
    ReceiveInboundMail,
    IdempotencyKeys,
    TicketAttachments,
    AutoCloseUseCase,
    AutoCloseConsumer,
    SlaPolicyService,
    ReplyPresence,
    CannedReplies,
    AgentGroups,
  ],
  exports: [
    ReceiveInboundMail,
    TicketOpener,
    SubmitInquiryUseCase,
    TicketQueries,
    TicketCommands,
    SlaScanUseCase,
    ExportTicketsUseCase,
    AutoCloseUseCase,
    SlaPolicyService,
    ReplyPresence,
    CannedReplies,
    AgentGroups,
  ],
})
export class TicketsModule {}
