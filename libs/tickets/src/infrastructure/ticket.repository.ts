import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';

import type { Principal } from '@madoguchi/common';

import type { TicketStatus } from '../domain/ticket';
import { TicketEntity } from './ticket.entity';
import { TicketMessageEntity } from './ticket-message.entity';

export interface TicketFilter {
  statuses?: TicketStatus[];
  assigneeId?: string;
  organizationId?: string;
}

export interface TicketCursor {
  createdAt: string;
  id: string;
}

/**
 * Tickets as the viewer may see them: a customer's queries always carry their organization, so
 * another organization's tickets do not exist for them (404, not 403).
 */
@Injectable()
export class TicketRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(viewer: Principal, id: string, manager: EntityManager = this.dataSource.manager, lock = false) {
    const query = this.scoped(viewer, manager).andWhere('t.id = :id', { id });
    if (lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  /** Newest first, keyset-paginated. */
  list(viewer: Principal, filter: TicketFilter, limit: number, after?: TicketCursor): Promise<TicketEntity[]> {
    const query = this.scoped(viewer, this.dataSource.manager)
      .orderBy('t.createdAt', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .limit(limit);
    if (filter.statuses?.length) query.andWhere('t.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.assigneeId) query.andWhere('t.assigneeId = :assigneeId', { assigneeId: filter.assigneeId });
    if (filter.organizationId)
      query.andWhere('t.organizationId = :organizationId', { organizationId: filter.organizationId });
    if (after) query.andWhere('(t.createdAt, t.id) < (:createdAt, :id)', { createdAt: after.createdAt, id: after.id });
    return query.getMany();
  }

  messages(ticketId: string, options: { includeInternal: boolean }): Promise<TicketMessageEntity[]> {
    const query = this.dataSource
      .getRepository(TicketMessageEntity)
      .createQueryBuilder('m')
      .where('m.ticketId = :ticketId', { ticketId })
      .orderBy('m.createdAt', 'ASC')
      .addOrderBy('m.id', 'ASC');
    if (!options.includeInternal) query.andWhere('m.internal = false');
    return query.getMany();
  }

  /** One organization's tickets, oldest first, in keyset batches with their public messages. */
  async *exportOrganization(
    organizationId: string,
    batchSize = 500,
  ): AsyncGenerator<{ ticket: TicketEntity; messages: TicketMessageEntity[] }> {
    let after: TicketCursor | undefined;
    for (;;) {
      const query = this.dataSource
        .getRepository(TicketEntity)
        .createQueryBuilder('t')
        .where('t.organizationId = :organizationId', { organizationId })
        .orderBy('t.createdAt', 'ASC')
        .addOrderBy('t.id', 'ASC')
        .limit(batchSize);
      if (after) query.andWhere('(t.createdAt, t.id) > (:createdAt, :id)', after);
      const tickets = await query.getMany();
      if (tickets.length === 0) return;
      const messages = await this.dataSource
        .getRepository(TicketMessageEntity)
        .createQueryBuilder('m')
        .where('m.ticketId IN (:...ids)', { ids: tickets.map((t) => t.id) })
        .andWhere('m.internal = false')
        .orderBy('m.createdAt', 'ASC')
        .addOrderBy('m.id', 'ASC')
        .getMany();
      const byTicket = new Map<string, TicketMessageEntity[]>();
      for (const message of messages)
        byTicket.set(message.ticketId, [...(byTicket.get(message.ticketId) ?? []), message]);
      for (const ticket of tickets) yield { ticket, messages: byTicket.get(ticket.id) ?? [] };
      if (tickets.length < batchSize) return;
      const last = tickets[tickets.length - 1]!;
      after = { createdAt: last.createdAt.toISOString(), id: last.id };
    }
  }

  async nextNumber(manager: EntityManager): Promise<number> {
    const [row] = (await manager.query(`SELECT nextval('ticket_number_seq') AS value`)) as Array<{ value: string }>;
    return Number(row!.value);
  }

  private scoped(viewer: Principal, manager: EntityManager): SelectQueryBuilder<TicketEntity> {
    const query = manager.getRepository(TicketEntity).createQueryBuilder('t').where('true');
    if (viewer.role === 'customer') query.andWhere('t.organizationId = :own', { own: viewer.organizationId });
    return query;
  }
}
