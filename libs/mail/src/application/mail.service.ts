import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';

import { AppConfig } from '@madoguchi/config';
import { Metrics } from '@madoguchi/observability';

import type { MailRoute, OutgoingMail, RecipientResult } from '../domain/mail-message';
import { deliveryOutcome } from '../domain/retry-schedule';
import type { MailTransport } from '../infrastructure/mail-transport';
import { recipientRefusalsOf } from '../infrastructure/smtp-mail.transport';

export const MAIL_TRANSPORT = Symbol('madoguchi.mail-transport');
/** The alarm route's own transport (ALERT_SMTP_URL), or null: alarms then take MAIL_TRANSPORT. */
export const MAIL_ALARM_TRANSPORT = Symbol('madoguchi.mail-alarm-transport');

/**
 * SMTP transactions one delivery may spend splitting a refused batch: enough to pin a few
 * greylisted addresses among 100 recipients (about 7 transactions each).
 */
const SPLIT_BUDGET = 32;

/**
 * Whether the server itself turned the transaction down for now: a 4xx reply, or the connection
 * it had accepted closed under us (ECONNECTION). Not when it cannot be reached (ESOCKET) or stays
 * silent (ETIMEDOUT): splitting would only multiply the waiting.
 */
function refusedByServer(error: unknown): boolean {
  const { responseCode, code } = error as { responseCode?: number; code?: string };
  return (responseCode !== undefined && responseCode >= 400 && responseCode < 500) || code === 'ECONNECTION';
}

@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);

  private readonly transports: Record<MailRoute, MailTransport>;

  constructor(
    @Inject(MAIL_TRANSPORT) standard: MailTransport,
    @Inject(MAIL_ALARM_TRANSPORT) alarm: MailTransport | null,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    this.transports = { standard, alarm: alarm ?? standard };
  }

  /**
   * Sends and answers for every recipient; never throws. A transaction refused as a whole by a
   * server we reached — a 4xx, or the connection closed mid-transaction (a 421 that closes it at
   * one RCPT usually arrives as just that, its reply lost) — does not say which recipient caused
   * it, and nobody got the message: the recipients are split in halves and each
   * half is sent again, down to single recipients, so one greylisted address does not hold back
   * the ones the server accepts. Splitting stops at SPLIT_BUDGET transactions, so a server that
   * refuses everything is not sent a batch's worth of transactions on every try. Without a reply
   * (unreachable, timed out) everyone is left to retry; a 5xx for the whole message is everyone's.
   */
  async deliver(mail: OutgoingMail, route: MailRoute = 'standard'): Promise<RecipientResult[]> {
    const transport = this.transports[route];
    const results = await this.deliverWithin(transport, mail, { transactions: SPLIT_BUDGET });
    for (const result of results) {
      const outcome = result.accepted
        ? 'sent'
        : deliveryOutcome(result.code, false) === 'failed'
          ? 'refused'
          : 'deferred';
      this.metrics.mailMessages.inc({ transport: transport.kind, route, outcome, code: result.code ?? 'none' });
    }
    return results;
  }

  private async deliverWithin(
    transport: MailTransport,
    mail: OutgoingMail,
    budget: { transactions: number },
  ): Promise<RecipientResult[]> {
    budget.transactions -= 1;
    try {
      const result = await transport.send({ ...mail, from: mail.from ?? this.config.MAIL_FROM });
      this.logger.log({ messageId: result.messageId, recipients: mail.to.length }, 'mail sent');
      return result.recipients;
    } catch (error) {
      const refusals = recipientRefusalsOf(error);
      if (refusals) return refusals;
      const code = (error as { responseCode?: number }).responseCode;
      this.logger.warn(
        { messageId: mail.messageId, recipients: mail.to.length, error: (error as Error).message },
        'mail failed',
      );
      if (refusedByServer(error) && mail.to.length > 1 && budget.transactions >= 2) {
        const half = Math.ceil(mail.to.length / 2);
        const halves = [mail.to.slice(0, half), mail.to.slice(half)];
        return (await Promise.all(halves.map((to) => this.deliverWithin(transport, { ...mail, to }, budget)))).flat();
      }
      return mail.to.map((address) => ({ address, accepted: false, code, response: (error as Error).message }));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...new Set(Object.values(this.transports))].map((transport) => transport.close()));
  }
}
