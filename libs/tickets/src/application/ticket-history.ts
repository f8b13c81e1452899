import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { AuditService } from '@madoguchi/audit';
import type { RequestContext } from '@madoguchi/common';

import { TicketEventEntity } from '../infrastructure/ticket-event.entity';

/** Every change to a ticket is one event in its history and one entry in the audit log, in the change's transaction. */
@Injectable()
export class TicketHistory {
  constructor(private readonly audit: AuditService) {}

  async record(
    manager: EntityManager,
    context: RequestContext,
    ticketId: string,
    kind: string,
    data: Record<string, unknown> = {},
    /** When it happened on the application's clock (the KPIs count reopens by it); the database's now by default. */
    occurredAt?: number,
  ) {
    await manager.insert(TicketEventEntity, {
      ticketId,
      actorId: context.actor?.userId ?? null,
      kind,
      data: data as never,
      ...(occurredAt === undefined ? {} : { occurredAt: new Date(occurredAt) }),
    });
    await this.audit.record(manager, context, {
      action: `ticket.${kind}`,
      targetType: 'ticket',
      targetId: ticketId,
      summary: data,
    });
  }
}
