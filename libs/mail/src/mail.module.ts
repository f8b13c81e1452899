import { join, resolve } from 'node:path';

import { Global, Module } from '@nestjs/common';

import { AppConfig } from '@madoguchi/config';

import { MAIL_ALARM_TRANSPORT, MAIL_TRANSPORT, MailService } from './application/mail.service';
import { MailAttachmentSources } from './application/mail-attachment-sources';
import { MailBacklogGauges } from './application/mail-backlog.gauges';
import { MailOutboxService, MailRelayLoop } from './application/mail-outbox.service';
import { MailResendService } from './application/mail-resend.service';
import { SendAlarmMailConsumer, SendMailConsumer } from './application/send-mail.consumer';
import { FileMailTransport } from './infrastructure/file-mail.transport';
import { MailOutboxRepository } from './infrastructure/mail-outbox.repository';
import type { MailTransport } from './infrastructure/mail-transport';
import { SmtpMailTransport } from './infrastructure/smtp-mail.transport';

const smtpTransport = (url: string, config: AppConfig) =>
  new SmtpMailTransport(url, {
    maxConnections: config.SMTP_MAX_CONNECTIONS,
    timeoutSeconds: config.SMTP_TIMEOUT_SECONDS,
  });

/** SMTP when SMTP_URL is set; otherwise `.eml` files under DATA_DIR/mail. */
export function createMailTransport(config: AppConfig): MailTransport {
  return config.SMTP_URL
    ? smtpTransport(config.SMTP_URL, config)
    : new FileMailTransport(join(resolve(config.DATA_DIR), 'mail'));
}

/** The alarm route's own SMTP server when ALERT_SMTP_URL is set; null sends alarms the standard way. */
export function createAlarmMailTransport(config: AppConfig): MailTransport | null {
  return config.ALERT_SMTP_URL ? smtpTransport(config.ALERT_SMTP_URL, config) : null;
}

@Global()
@Module({
  providers: [
    { provide: MAIL_TRANSPORT, inject: [AppConfig], useFactory: createMailTransport },
    { provide: MAIL_ALARM_TRANSPORT, inject: [AppConfig], useFactory: createAlarmMailTransport },
    MailService,
    SendMailConsumer,
    SendAlarmMailConsumer,
    MailOutboxRepository,
    MailOutboxService,
    MailRelayLoop,
    MailBacklogGauges,
    MailResendService,
    MailAttachmentSources,
  ],
  exports: [MailService, MailOutboxService, MailResendService, MailAttachmentSources],
})
export class MailModule {}
