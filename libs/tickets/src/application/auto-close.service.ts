import { Injectable } from '@nestjs/common';

import { Clock, SYSTEM_CONTEXT } from '@madoguchi/common';
import { UnitOfWork } from '@madoguchi/database';

import { TicketRepository } from '../infrastructure/ticket.repository';
import { TicketHistoryService } from './ticket-history.service';

/** Closes solved tickets whose customer stayed silent for the waiting period; each close is recorded. */
@Injectable()
export class AutoCloseService {
  constructor(
    private readonly clock: Clock,
    private readonly unitOfWork: UnitOfWork,
    private readonly tickets: TicketRepository,
    private readonly history: TicketHistoryService,
  ) {}

  run(now = this.clock.now()): Promise<string[]> {
    return this.unitOfWork.run(async (transaction) => {
      const closed = await this.tickets.closeExpired(transaction, new Date(now));
      for (const id of closed)
        await this.history.record(transaction, SYSTEM_CONTEXT, id, 'close', { by: 'auto-close' }, now);
      return closed;
    });
  }
}
