import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { Clock, type Principal } from '@madoguchi/common';

import { TicketRepository } from '../infrastructure/ticket.repository';
import { ticketNotFound } from './ticket-queries';

/** A heartbeat older than this no longer counts as writing. */
export const REPLYING_FRESH_MS = 30_000;

/** "Someone else is replying": agents writing a reply send heartbeats; others on the ticket see who. */
@Injectable()
export class ReplyPresence {
  constructor(
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tickets: TicketRepository,
  ) {}

  async beat(viewer: Principal, ticketId: string, now = this.clock.now()): Promise<void> {
    if (!(await this.tickets.find(viewer, ticketId))) throw ticketNotFound(ticketId);
    await this.dataSource.query(
      `INSERT INTO ticket_reply_presence (ticket_id, user_id, heartbeat_at) VALUES ($1, $2, $3)
       ON CONFLICT (ticket_id, user_id) DO UPDATE SET heartbeat_at = EXCLUDED.heartbeat_at`,
      [ticketId, viewer.userId, new Date(now)],
    );
  }

  /** Others who sent a heartbeat on this ticket within the last REPLYING_FRESH_MS. */
  async others(
    viewer: Principal,
    ticketId: string,
    now = this.clock.now(),
  ): Promise<Array<{ userId: string; name: string; since: Date }>> {
    if (!(await this.tickets.find(viewer, ticketId))) throw ticketNotFound(ticketId);
    const rows = (await this.dataSource.query(
      `SELECT p.user_id, u.name, p.heartbeat_at FROM ticket_reply_presence p JOIN app_user u ON u.id = p.user_id
       WHERE p.ticket_id = $1 AND p.user_id <> $2 AND p.heartbeat_at > $3 ORDER BY u.name`,
      [ticketId, viewer.userId, new Date(now - REPLYING_FRESH_MS)],
    )) as Array<{ user_id: string; name: string; heartbeat_at: Date }>;
    return rows.map((row) => ({ userId: row.user_id, name: row.name, since: new Date(row.heartbeat_at) }));
  }
}
