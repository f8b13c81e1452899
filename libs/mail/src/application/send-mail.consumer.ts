import { Injectable } from '@nestjs/common';

import { JobConsumer, JobConsumerHandler } from '@madoguchi/queue';

import type { OutgoingMail } from '../domain/mail-message';
import { MAIL_QUEUE } from './mail.queue';
import { MailService } from './mail.service';

@Injectable()
@JobConsumer(MAIL_QUEUE, 'send')
export class SendMailConsumer implements JobConsumerHandler<OutgoingMail> {
  constructor(private readonly mail: MailService) {}

  async handle(mail: OutgoingMail): Promise<void> {
    await this.mail.send(mail);
  }
}
