import { join, resolve } from 'node:path';

import { Global, Module } from '@nestjs/common';

import { AppConfig } from '@madoguchi/config';

import { MAIL_TRANSPORT, MailService } from './application/mail.service';
import { MailBacklogGauges } from './application/mail-backlog.gauges';
import { MailOutbox, MailRelayLoop } from './application/mail-outbox';
import { MailResends } from './application/mail-resends';
import { SendMailConsumer } from './application/send-mail.consumer';
import { FileMailTransport } from './infrastructure/file-mail.transport';
import { MailOutboxRepository } from './infrastructure/mail-outbox.repository';
import type { MailTransport } from './infrastructure/mail-transport';
import { SmtpMailTransport } from './infrastructure/smtp-mail.transport';

/** SMTP when SMTP_URL is set; otherwise `.eml` files under DATA_DIR/mail. */
export function createMailTransport(config: AppConfig): MailTransport {
  return config.SMTP_URL
    ? new SmtpMailTransport(config.SMTP_URL, {
        maxConnections: config.SMTP_MAX_CONNECTIONS,
        timeoutSeconds: config.SMTP_TIMEOUT_SECONDS,
      })
    : new FileMailTransport(join(resolve(config.DATA_DIR), 'mail'));
}

@Global()
@Module({
  providers: [
    { provide: MAIL_TRANSPORT, inject: [AppConfig], useFactory: createMailTransport },
    MailService,
    SendMailConsumer,
    MailOutboxRepository,
    MailOutbox,
    MailRelayLoop,
    MailBacklogGauges,
    MailResends,
  ],
  exports: [MailService, MailOutbox, MailResends],
})
export class MailModule {}
