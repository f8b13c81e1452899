import { Global, Module } from '@nestjs/common';

import { SubmitInquiryUseCase } from './application/submit-inquiry.use-case';
import { TicketCommands } from './application/ticket-commands';
import { TicketHistory } from './application/ticket-history';
import { TicketQueries } from './application/ticket-queries';
import { TicketRepository } from './infrastructure/ticket.repository';

@Global()
@Module({
  providers: [TicketRepository, TicketHistory, SubmitInquiryUseCase, TicketQueries, TicketCommands],
  exports: [SubmitInquiryUseCase, TicketQueries, TicketCommands],
})
export class TicketsModule {}
