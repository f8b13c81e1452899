import { Injectable } from '@nestjs/common';

import { JobConsumer, JobConsumerHandler } from '@madoguchi/queue';

import type { OutgoingMail } from '../domain/mail-message';
import { MAIL_ALARM_QUEUE, MAIL_QUEUE, type SendMailJob } from './mail.queue';
import { MailOutbox } from './mail-outbox';

@Injectable()
@JobConsumer(MAIL_QUEUE, 'send')
export class SendMailConsumer implements JobConsumerHandler<SendMailJob | OutgoingMail> {
  constructor(private readonly outbox: MailOutbox) {}

  async handle(job: SendMailJob | OutgoingMail): Promise<void> {
    if ('to' in job) await this.outbox.adoptQueuedMessage(job);
    else await this.outbox.deliver(job.dedupKey);
  }
}

/** Alarm-route messages: the same delivery, from their own queue. */
@Injectable()
@JobConsumer(MAIL_ALARM_QUEUE, 'send')
export class SendAlarmMailConsumer implements JobConsumerHandler<SendMailJob> {
  constructor(private readonly outbox: MailOutbox) {}

  async handle(job: SendMailJob): Promise<void> {
    await this.outbox.deliver(job.dedupKey);
  }
}
