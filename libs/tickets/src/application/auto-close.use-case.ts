import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { Clock, SYSTEM_CONTEXT } from '@madoguchi/common';

import { TicketRepository } from '../infrastructure/ticket.repository';
import { TicketHistory } from './ticket-history';

/** Closes solved tickets whose customer stayed silent for the waiting period; each close is recorded. */
@Injectable()
export class AutoCloseUseCase {
  constructor(
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tickets: TicketRepository,
    private readonly history: TicketHistory,
  ) {}

  run(now = this.clock.now()): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const closed = await this.tickets.closeExpired(manager, new Date(now));
      for (const id of closed)
        await this.history.record(manager, SYSTEM_CONTEXT, id, 'close', { by: 'auto-close' }, now);
      return closed;
    });
  }
}
