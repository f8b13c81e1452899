import { Global, Module } from '@nestjs/common';

import { ExportTicketsUseCase } from './application/export-tickets.use-case';
import { SlaScanConsumer } from './application/sla-scan.consumer';
import { SlaScanUseCase } from './application/sla-scan.use-case';
import { SubmitInquiryUseCase } from './application/submit-inquiry.use-case';
import { TicketCommands } from './application/ticket-commands';
import { TicketHistory } from './application/ticket-history';
import { TicketQueries } from './application/ticket-queries';
import { TicketRepository } from './infrastructure/ticket.repository';

@Global()
@Module({
  providers: [
    TicketRepository,
    TicketHistory,
    SubmitInquiryUseCase,
    TicketQueries,
    TicketCommands,
    SlaScanUseCase,
    SlaScanConsumer,
    ExportTicketsUseCase,
  ],
  exports: [SubmitInquiryUseCase, TicketQueries, TicketCommands, SlaScanUseCase, ExportTicketsUseCase],
})
export class TicketsModule {}
