export { MAIL_ALARM_QUEUE, MAIL_QUEUE } from './application/mail.queue';
export { MailService } from './application/mail.service';
export { sharedReading } from './application/mail-backlog.gauges';
export { type GivenUpMail, MailOutbox } from './application/mail-outbox';
export { MailResends } from './application/mail-resends';
export { escapeHtml } from './domain/html';
export {
  type MailAttachment,
  type MailLanguage,
  type OutgoingMail,
  type RecipientResult,
  type SendResult,
} from './domain/mail-message';
export { type MailContent, type MailTemplate, type RenderedMail, renderMail } from './domain/mail-template';
export {
  type DeliveryOutcome,
  deliveryOutcome,
  JOB_LOST_AFTER_SECONDS,
  type MailDeliveryStatus,
  nextAttemptAt,
  type RetrySchedule,
  retryScheduleOf,
} from './domain/retry-schedule';
export { DUE_WITHOUT_JOB } from './infrastructure/delivery-sql';
export { FileMailTransport } from './infrastructure/file-mail.transport';
export { keepLeaseAlive } from './infrastructure/lease-renewal';
export { MailOutboxEntity } from './infrastructure/mail-outbox.entity';
export type { MailTransport } from './infrastructure/mail-transport';
export { recipientRefusalsOf, SmtpMailTransport } from './infrastructure/smtp-mail.transport';
export { createMailTransport, MailModule } from './mail.module';
export { testMessageTemplate } from './templates/test-message.template';
