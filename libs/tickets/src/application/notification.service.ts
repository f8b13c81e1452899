import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { Clock, type Principal } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import type { Transaction } from '@madoguchi/database';
import { MailOutboxService, renderMail } from '@madoguchi/mail';

import { NOTIFICATION_KINDS, type NotificationKind, type ReplyAudience, replyAudience } from '../domain/notification';
import { NotificationRepository, type Recipient } from '../infrastructure/notification.repository';
import type { TicketEntity } from '../infrastructure/ticket.entity';
import { notificationTemplate } from '../templates/ticket-mail.templates';

/** How many of a person's notifications the list shows. */
export const NOTIFICATION_LIST_SIZE = 50;

/**
 * Telling staff about their tickets: in the desk's list and by e-mail with the link, both written
 * in the transaction of the change they tell of (a rolled-back reply notifies nobody).
 */
@Injectable()
export class NotificationService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly outbox: MailOutboxService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** A customer replied on the ticket: its assignee hears of it, else its group, else the managers. */
  async customerReplied(transaction: Transaction, ticket: TicketEntity, now: number): Promise<void> {
    await this.notify(transaction, 'customer-reply', ticket, replyAudience(ticket), ticket.requesterName, null, now);
  }

  /** The ticket was handed to `assigneeId` by `by` (who is not told of their own doing). */
  async assigned(transaction: Transaction, ticket: TicketEntity, assigneeId: string, by: Principal, now: number) {
    await this.notify(transaction, 'assigned', ticket, { assigneeId }, by.name, by.userId, now);
  }

  /** The viewer's newest notifications and their unread count. */
  list(viewer: Principal) {
    return this.notifications.of(viewer.userId, NOTIFICATION_LIST_SIZE);
  }

  /** The viewer's unread count alone, for pages that only show the badge. */
  unreadCount(viewer: Principal): Promise<number> {
    return this.notifications.unread(viewer.userId);
  }

  /** Which kinds of notification the viewer gets by e-mail (all unless they turned some off). */
  async mailSettings(viewer: Principal): Promise<Record<NotificationKind, boolean>> {
    const off = await this.notifications.mailOff(viewer.userId);
    return Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, !off.includes(kind)])) as Record<
      NotificationKind,
      boolean
    >;
  }

  /** The viewer's choice of e-mails; a kind left out keeps its setting. */
  async setMailSettings(viewer: Principal, mail: Partial<Record<NotificationKind, boolean>>) {
    const wanted = await this.mailSettings(viewer);
    for (const kind of NOTIFICATION_KINDS) if (typeof mail[kind] === 'boolean') wanted[kind] = mail[kind];
    await this.notifications.setMailOff(
      viewer.userId,
      NOTIFICATION_KINDS.filter((kind) => !wanted[kind]),
    );
    return wanted;
  }

  /** Marks the viewer's own notifications among `ids` read. */
  markRead(viewer: Principal, ids: readonly string[]): Promise<void> {
    return this.notifications.markRead(viewer.userId, ids, new Date(this.clock.now()));
  }

  private async notify(
    transaction: Transaction,
    kind: NotificationKind,
    ticket: TicketEntity,
    audience: ReplyAudience,
    by: string,
    actorId: string | null,
    now: number,
  ): Promise<void> {
    const recipients = await this.notifications.recipients(transaction, audience, actorId);
    const data = { number: ticket.number, subject: ticket.subject, by };
    const rows = recipients.map((recipient) => ({
      id: randomUUID(),
      userId: recipient.id,
      kind,
      ticketId: ticket.id,
      data,
      createdAt: new Date(now),
    }));
    await this.notifications.insert(transaction, rows);
    for (const [index, recipient] of recipients.entries()) {
      if (!recipient.mailOff.includes(kind)) await this.mail(transaction, recipient, rows[index]!.id, kind, ticket, by);
    }
  }

  private async mail(
    transaction: Transaction,
    recipient: Recipient,
    notificationId: string,
    kind: NotificationKind,
    ticket: TicketEntity,
    by: string,
  ) {
    const url = new URL(`/desk/tickets/${ticket.id}`, this.config.PUBLIC_BASE_URL).toString();
    const mail = renderMail(notificationTemplate, recipient.language, {
      kind,
      number: ticket.number,
      subject: ticket.subject,
      by,
      url,
    });
    await this.outbox.write(transaction, { to: [recipient.email], ...mail }, `notification.${notificationId}`);
  }
}
