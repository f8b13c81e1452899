import { Injectable } from '@nestjs/common';

import { JobConsumer, JobConsumerHandler, type JobOf } from '@madoguchi/queue';

import { MAIL_ALARM_QUEUE, MAIL_QUEUE } from './mail.queue';
import { MailOutboxService } from './mail-outbox.service';

@Injectable()
@JobConsumer(MAIL_QUEUE, 'send')
export class SendMailConsumer implements JobConsumerHandler<JobOf<typeof MAIL_QUEUE, 'send'>> {
  constructor(private readonly outbox: MailOutboxService) {}

  async handle(job: JobOf<typeof MAIL_QUEUE, 'send'>): Promise<void> {
    if ('to' in job) await this.outbox.adoptQueuedMessage(job);
    else await this.outbox.deliver(job.dedupKey);
  }
}

/** Alarm-route messages: the same delivery, from their own queue. */
@Injectable()
@JobConsumer(MAIL_ALARM_QUEUE, 'send')
export class SendAlarmMailConsumer implements JobConsumerHandler<JobOf<typeof MAIL_ALARM_QUEUE, 'send'>> {
  constructor(private readonly outbox: MailOutboxService) {}

  async handle(job: JobOf<typeof MAIL_ALARM_QUEUE, 'send'>): Promise<void> {
    await this.outbox.deliver(job.dedupKey);
  }
}
