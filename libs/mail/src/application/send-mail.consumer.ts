import { Injectable } from '@nestjs/common';

import { JobConsumer, JobConsumerHandler } from '@madoguchi/queue';

import type { OutgoingMail } from '../domain/mail-message';
import { MAIL_QUEUE, type SendMailJob } from './mail.queue';
import { MailService } from './mail.service';
import { MailOutbox } from './mail-outbox';

@Injectable()
@JobConsumer(MAIL_QUEUE, 'send')
export class SendMailConsumer implements JobConsumerHandler<SendMailJob | OutgoingMail> {
  constructor(
    private readonly outbox: MailOutbox,
    private readonly mail: MailService,
  ) {}

  async handle(job: SendMailJob | OutgoingMail): Promise<void> {
    // Jobs queued before the outbox owned its messages carry the message itself.
    if ('to' in job) await this.mail.send(job);
    else await this.outbox.deliver(job.dedupKey);
  }
}
