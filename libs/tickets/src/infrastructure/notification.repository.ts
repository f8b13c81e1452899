import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { managerOf, type Transaction } from '@madoguchi/database';

import type { NotificationKind, ReplyAudience } from '../domain/notification';

export interface Recipient {
  id: string;
  email: string;
  name: string;
  language: 'ja' | 'en';
  /** The kinds they want no e-mail for. */
  mailOff: NotificationKind[];
}

export interface StoredNotification {
  id: string;
  kind: NotificationKind;
  ticketId: string;
  data: { number: string; subject: string; by?: string };
  createdAt: Date;
  readAt: Date | null;
}

/** `notification`, and the active staff a ticket's news goes to. */
@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The active staff members of the audience, the acting user left out. */
  async recipients(transaction: Transaction, audience: ReplyAudience, except: string | null): Promise<Recipient[]> {
    const [condition, parameter] =
      'assigneeId' in audience
        ? ['u.id = $1', audience.assigneeId]
        : 'groupId' in audience
          ? ['u.id IN (SELECT user_id FROM agent_group_member WHERE group_id = $1)', audience.groupId]
          : [`u.role = $1`, 'manager'];
    return (await managerOf(transaction).query(
      `SELECT u.id, u.email, u.name, u.language, coalesce(s.mail_off, '{}') AS "mailOff"
         FROM app_user u LEFT JOIN notification_setting s ON s.user_id = u.id
         WHERE ${condition} AND u.active AND u.role <> 'customer' AND u.id IS DISTINCT FROM $2::uuid
         ORDER BY u.id`,
      [parameter, except],
    )) as Recipient[];
  }

  /** These staff members with their e-mail choices (inactive ones left out). */
  async recipientsByIds(transaction: Transaction, ids: readonly string[]): Promise<Recipient[]> {
    if (ids.length === 0) return [];
    return (await managerOf(transaction).query(
      `SELECT u.id, u.email, u.name, u.language, coalesce(s.mail_off, '{}') AS "mailOff"
         FROM app_user u LEFT JOIN notification_setting s ON s.user_id = u.id
         WHERE u.id = ANY($1::uuid[]) AND u.active AND u.role <> 'customer'
         ORDER BY u.id`,
      [ids],
    )) as Recipient[];
  }

  async insert(
    transaction: Transaction,
    rows: ReadonlyArray<{
      id: string;
      userId: string;
      kind: NotificationKind;
      ticketId: string;
      data: object;
      createdAt: Date;
    }>,
  ): Promise<void> {
    if (rows.length === 0) return;
    await managerOf(transaction).query(
      `INSERT INTO notification (id, user_id, kind, ticket_id, data, created_at)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::jsonb[], $6::timestamptz[])`,
      [
        rows.map((row) => row.id),
        rows.map((row) => row.userId),
        rows.map((row) => row.kind),
        rows.map((row) => row.ticketId),
        rows.map((row) => JSON.stringify(row.data)),
        rows.map((row) => row.createdAt.toISOString()),
      ],
    );
  }

  /** The user's newest notifications, and how many are unread in all. */
  async of(userId: string, limit: number): Promise<{ items: StoredNotification[]; unread: number }> {
    const [items, unread] = await Promise.all([
      this.dataSource.query(
        `SELECT id, kind, ticket_id AS "ticketId", data, created_at AS "createdAt", read_at AS "readAt"
           FROM notification WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
        [userId, limit],
      ) as Promise<StoredNotification[]>,
      this.unread(userId),
    ]);
    return { items, unread };
  }

  /** How many of the user's notifications are unread (the partial index answers it). */
  async unread(userId: string): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS unread FROM notification WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    )) as Array<{ unread: number }>;
    return row!.unread;
  }

  async mailOff(userId: string): Promise<NotificationKind[]> {
    const rows = (await this.dataSource.query(
      `SELECT mail_off AS "mailOff" FROM notification_setting WHERE user_id = $1`,
      [userId],
    )) as Array<{ mailOff: NotificationKind[] }>;
    return rows[0]?.mailOff ?? [];
  }

  async setMailOff(userId: string, kinds: readonly NotificationKind[]): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notification_setting (user_id, mail_off) VALUES ($1, $2::text[])
         ON CONFLICT (user_id) DO UPDATE SET mail_off = excluded.mail_off`,
      [userId, kinds],
    );
  }

  /** Marks the user's own notifications among `ids` read (others' ids change nothing). */
  async markRead(userId: string, ids: readonly string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE notification SET read_at = $3 WHERE user_id = $1 AND id = ANY($2::uuid[]) AND read_at IS NULL`,
      [userId, ids, at],
    );
  }
}
