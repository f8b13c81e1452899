import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import type { RequestContext } from '@madoguchi/common';
import type { Transaction } from '@madoguchi/database';

import type { TicketEventKind } from '../domain/ticket';
import { TicketRepository } from '../infrastructure/ticket.repository';

/** Every change to a ticket is one event in its history and one entry in the audit log, in the change's transaction. */
@Injectable()
export class TicketHistoryService {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly audit: AuditService,
  ) {}

  async record(
    transaction: Transaction,
    context: RequestContext,
    ticketId: string,
    kind: TicketEventKind,
    data: Record<string, unknown> = {},
    /** When it happened on the application's clock (the KPIs count reopens by it); the database's now by default. */
    occurredAt?: number,
  ) {
    await this.tickets.addEvent(transaction, {
      ticketId,
      actorId: context.actor?.userId ?? null,
      kind,
      data,
      occurredAt: occurredAt === undefined ? undefined : new Date(occurredAt),
    });
    await this.audit.record(transaction, context, {
      action: `ticket.${kind}`,
      targetType: 'ticket',
      targetId: ticketId,
      summary: data,
    });
  }

  /** The ticket's history for its page, newest first. */
  async list(ticketId: string, limit = 50) {
    return (await this.tickets.events(ticketId, limit)).map(({ id, actorId, kind, data, occurredAt }) => ({
      id,
      actorId,
      kind,
      data,
      occurredAt: occurredAt.toISOString(),
    }));
  }
}
