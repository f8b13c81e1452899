/**
 * The mail library's domain: plain TypeScript, no framework or driver behind it. Other libraries'
 * domain code imports it as `@madoguchi/mail/domain`; everything else takes it from the library's
 * index, which re-exports it.
 */
export { escapeHtml } from './html';
export {
  type MailAttachment,
  type MailLanguage,
  type OutgoingMail,
  type RecipientResult,
  type SendResult,
  type StoredAttachment,
} from './mail-message';
export { type MailContent, type MailTemplate, type RenderedMail, renderMail } from './mail-template';
export {
  type DeliveryOutcome,
  deliveryOutcome,
  JOB_LOST_AFTER_SECONDS,
  type MailDeliveryStatus,
  nextAttemptAt,
  type RetrySchedule,
  retryScheduleOf,
} from './retry-schedule';
