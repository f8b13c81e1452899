import { Injectable } from '@nestjs/common';

import { Clock, type Principal } from '@madoguchi/common';

import { ticketNotFound } from '../domain/tickets.errors';
import { ReplyPresenceRepository } from '../infrastructure/reply-presence.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';

/** A heartbeat older than this no longer counts as writing. */
export const REPLYING_FRESH_MS = 30_000;

/** "Someone else is replying": agents writing a reply send heartbeats; others on the ticket see who. */
@Injectable()
export class ReplyPresenceService {
  constructor(
    private readonly clock: Clock,
    private readonly presence: ReplyPresenceRepository,
    private readonly tickets: TicketRepository,
  ) {}

  async beat(viewer: Principal, ticketId: string, now = this.clock.now()): Promise<void> {
    if (!(await this.tickets.find(viewer, ticketId))) throw ticketNotFound(ticketId);
    await this.presence.beat(ticketId, viewer.userId, new Date(now));
  }

  /** Others who sent a heartbeat on this ticket within the last REPLYING_FRESH_MS. */
  async others(
    viewer: Principal,
    ticketId: string,
    now = this.clock.now(),
  ): Promise<Array<{ userId: string; name: string; since: Date }>> {
    if (!(await this.tickets.find(viewer, ticketId))) throw ticketNotFound(ticketId);
    return this.presence.others(ticketId, viewer.userId, new Date(now - REPLYING_FRESH_MS));
  }
}
