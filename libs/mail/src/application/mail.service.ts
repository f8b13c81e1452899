import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';

import { AppConfig } from '@madoguchi/config';
import { Metrics } from '@madoguchi/observability';
import { type JobOptions, QueueService } from '@madoguchi/queue';

import type { OutgoingMail, SendResult } from '../domain/mail-message';
import type { MailTransport } from '../infrastructure/mail-transport';
import { MAIL_QUEUE } from './mail.queue';

export const MAIL_TRANSPORT = Symbol('madoguchi.mail-transport');

@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);

  constructor(
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
    private readonly queue: QueueService,
  ) {}

  /** Sends now and reports per recipient; throws when the transport fails as a whole. */
  async send(mail: OutgoingMail): Promise<SendResult> {
    try {
      const result = await this.transport.send({ ...mail, from: mail.from ?? this.config.MAIL_FROM });
      for (const recipient of result.recipients) {
        this.metrics.mailMessages.inc({
          transport: this.transport.kind,
          outcome: recipient.accepted ? 'sent' : 'failed',
        });
      }
      this.logger.log({ messageId: result.messageId, recipients: mail.to.length }, 'mail sent');
      return result;
    } catch (error) {
      this.metrics.mailMessages.inc({ transport: this.transport.kind, outcome: 'failed' }, mail.to.length);
      this.logger.warn({ messageId: mail.messageId, error: (error as Error).message }, 'mail failed');
      throw error;
    }
  }

  /**
   * Sends later through the `mail` queue, with retries. Give a `dedupKey` (it becomes the job id
   * and the Message-ID) so that enqueueing the same message twice sends it once.
   */
  async enqueue(mail: OutgoingMail, dedupKey?: string): Promise<string> {
    const { data, options } = this.sendJob(mail, dedupKey);
    return this.queue.add(MAIL_QUEUE, 'send', data, options);
  }

  /** `enqueue` for several messages at once, in one round trip to the queue. */
  async enqueueMany(messages: ReadonlyArray<{ mail: OutgoingMail; dedupKey: string }>): Promise<string[]> {
    return this.queue.addBulk(
      MAIL_QUEUE,
      'send',
      messages.map(({ mail, dedupKey }) => this.sendJob(mail, dedupKey)),
    );
  }

  private sendJob(mail: OutgoingMail, dedupKey?: string): { data: OutgoingMail; options: JobOptions } {
    const messageId = mail.messageId ?? (dedupKey ? `${dedupKey}@${this.messageIdDomain()}` : undefined);
    return { data: { ...mail, messageId }, options: dedupKey ? { jobId: `mail.${dedupKey}` } : {} };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }

  private messageIdDomain(): string {
    return new URL(this.config.PUBLIC_BASE_URL).hostname;
  }
}
