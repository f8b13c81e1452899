import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';

import { AppConfig } from '@madoguchi/config';
import { Metrics } from '@madoguchi/observability';

import type { OutgoingMail, RecipientResult, SendResult } from '../domain/mail-message';
import { deliveryOutcome } from '../domain/retry-schedule';
import type { MailTransport } from '../infrastructure/mail-transport';
import { recipientRefusalsOf } from '../infrastructure/smtp-mail.transport';

export const MAIL_TRANSPORT = Symbol('madoguchi.mail-transport');

@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);

  constructor(
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  /** Sends now and reports per recipient; throws when the transport fails as a whole. */
  async send(mail: OutgoingMail): Promise<SendResult> {
    try {
      const result = await this.transport.send({ ...mail, from: mail.from ?? this.config.MAIL_FROM });
      for (const recipient of result.recipients) this.count(recipient.accepted, recipient.code, 1);
      this.logger.log({ messageId: result.messageId, recipients: mail.to.length }, 'mail sent');
      return result;
    } catch (error) {
      this.count(false, (error as { responseCode?: number }).responseCode, mail.to.length);
      this.logger.warn({ messageId: mail.messageId, error: (error as Error).message }, 'mail failed');
      throw error;
    }
  }

  /**
   * Sends and answers for every recipient; never throws. A transaction refused as a whole with a
   * reply code (a 421 that closes the connection at one RCPT, a 4xx after DATA) does not say which
   * recipient caused it, and nobody got the message: the recipients are split in halves and each
   * half is sent again, down to single recipients, so one greylisted address does not hold back
   * the ones the server accepts. Without a reply (unreachable, timed out) everyone is left to retry.
   */
  async deliver(mail: OutgoingMail): Promise<RecipientResult[]> {
    try {
      return (await this.send(mail)).recipients;
    } catch (error) {
      const refusals = recipientRefusalsOf(error);
      if (refusals) return refusals;
      const code = (error as { responseCode?: number }).responseCode;
      if (code !== undefined && mail.to.length > 1) {
        const half = Math.ceil(mail.to.length / 2);
        const halves = [mail.to.slice(0, half), mail.to.slice(half)];
        return (await Promise.all(halves.map((to) => this.deliver({ ...mail, to })))).flat();
      }
      return mail.to.map((address) => ({ address, accepted: false, code, response: (error as Error).message }));
    }
  }

  private count(accepted: boolean, code: number | undefined, recipients: number): void {
    const outcome = accepted ? 'sent' : deliveryOutcome(code, false) === 'failed' ? 'refused' : 'deferred';
    this.metrics.mailMessages.inc({ transport: this.transport.kind, outcome, code: code ?? 'none' }, recipients);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }
}
