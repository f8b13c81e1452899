import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** `ticket_reply_presence`: the last heartbeat of each agent writing a reply on a ticket. */
@Injectable()
export class ReplyPresenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async beat(ticketId: string, userId: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ticket_reply_presence (ticket_id, user_id, heartbeat_at) VALUES ($1, $2, $3)
       ON CONFLICT (ticket_id, user_id) DO UPDATE SET heartbeat_at = EXCLUDED.heartbeat_at`,
      [ticketId, userId, at],
    );
  }

  /** Those other than `userId` whose heartbeat on the ticket is later than `since`, by name. */
  async others(
    ticketId: string,
    userId: string,
    since: Date,
  ): Promise<Array<{ userId: string; name: string; since: Date }>> {
    const rows = (await this.dataSource.query(
      `SELECT p.user_id, u.name, p.heartbeat_at FROM ticket_reply_presence p JOIN app_user u ON u.id = p.user_id
       WHERE p.ticket_id = $1 AND p.user_id <> $2 AND p.heartbeat_at > $3 ORDER BY u.name`,
      [ticketId, userId, since],
    )) as Array<{ user_id: string; name: string; heartbeat_at: Date }>;
    return rows.map((row) => ({ userId: row.user_id, name: row.name, since: new Date(row.heartbeat_at) }));
  }
}
