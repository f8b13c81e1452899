import { createHash, randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { formatInstant } from '@madoguchi/business-calendar';
import { Clock, type Principal } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import type { Transaction } from '@madoguchi/database';
import { MailOutboxService, renderMail } from '@madoguchi/mail';

import { NOTIFICATION_KINDS, type NotificationKind, type ReplyAudience, replyAudience } from '../domain/notification';
import type { SlaAlertKind, SlaClock } from '../domain/sla';
import { NotificationRepository, type Recipient } from '../infrastructure/notification.repository';
import type { TicketEntity } from '../infrastructure/ticket.entity';
import { notificationTemplate, slaAlertTemplate, slaDigestTemplate } from '../templates/ticket-mail.templates';

/** News told one notification at a time, each with its own e-mail. */
type TicketNewsKind = Exclude<NotificationKind, 'sla-warning' | 'sla-breach'>;

/** One SLA alert as the scan raised it. */
export interface SlaAlertNotice {
  ticketId: string;
  number: string;
  subject: string;
  clock: SlaClock;
  kind: SlaAlertKind;
  dueAt: Date;
}

/** The same alerts always make the same digest key: a retried scan cannot send the digest twice. */
function digestKey(alerts: readonly SlaAlertNotice[]): string {
  const keys = alerts.map((alert) => `${alert.ticketId}.${alert.clock}.${alert.kind}`).sort();
  return createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 32);
}

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

  /**
   * SLA alerts of one scan: each is in its recipients' lists, and each recipient gets one e-mail
   * for all of theirs (one alert: as before, with the ticket in the subject), unless they turned
   * that kind of e-mail off.
   */
  async slaAlerts(
    transaction: Transaction,
    deliveries: ReadonlyMap<string, readonly SlaAlertNotice[]>,
    zone: string,
    now: number,
  ): Promise<void> {
    const recipients = await this.notifications.recipientsByIds(transaction, [...deliveries.keys()]);
    const rows = recipients.flatMap((recipient) =>
      deliveries.get(recipient.id)!.map((alert) => ({
        id: randomUUID(),
        userId: recipient.id,
        kind: `sla-${alert.kind}` as const,
        ticketId: alert.ticketId,
        data: { number: alert.number, subject: alert.subject, clock: alert.clock, dueAt: alert.dueAt.toISOString() },
        createdAt: new Date(now),
      })),
    );
    await this.notifications.insert(transaction, rows);
    for (const recipient of recipients) {
      const mailed = deliveries
        .get(recipient.id)!
        .filter((alert) => !recipient.mailOff.includes(`sla-${alert.kind}`))
        // Breaches first: they are what the reader must act on now.
        .sort((a, b) => (a.kind === b.kind ? a.dueAt.getTime() - b.dueAt.getTime() : a.kind === 'breach' ? -1 : 1));
      if (mailed.length === 0) continue;
      const contexts = mailed.map((alert) => ({
        number: alert.number,
        subject: alert.subject,
        clock: alert.clock,
        kind: alert.kind,
        due: formatInstant(alert.dueAt.getTime(), { timeZone: zone, language: recipient.language, now }),
        url: this.deskUrl(alert.ticketId),
      }));
      const [only] = mailed;
      const [mail, key] =
        mailed.length === 1
          ? [
              renderMail(slaAlertTemplate, recipient.language, contexts[0]!),
              `sla.${only!.ticketId}.${only!.clock}.${only!.kind}.${recipient.id}`,
            ]
          : [
              renderMail(slaDigestTemplate, recipient.language, { alerts: contexts }),
              `sla-digest.${recipient.id}.${digestKey(mailed)}`,
            ];
      await this.outbox.write(transaction, { to: [recipient.email], ...mail }, key);
    }
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
    kind: TicketNewsKind,
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

  private deskUrl(ticketId: string): string {
    return new URL(`/desk/tickets/${ticketId}`, this.config.PUBLIC_BASE_URL).toString();
  }

  private async mail(
    transaction: Transaction,
    recipient: Recipient,
    notificationId: string,
    kind: TicketNewsKind,
    ticket: TicketEntity,
    by: string,
  ) {
    const url = this.deskUrl(ticket.id);
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
