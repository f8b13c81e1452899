export type MailLanguage = 'ja' | 'en';

/**
 * The server a message goes through: `standard` (SMTP_URL) for everything customers and staff get;
 * `alarm` for managers' alarms about the notice promise, through ALERT_SMTP_URL where it is set
 * (else the standard server), so an alarm that the mail server is away does not wait for it.
 */
export const MAIL_ROUTES = ['standard', 'alarm'] as const;
export type MailRoute = (typeof MAIL_ROUTES)[number];

export interface MailAttachment {
  filename: string;
  content: string | Buffer;
  contentType?: string;
}

/** A file kept elsewhere (a ticket attachment), named by its source and id; read when the message is sent. */
export interface StoredAttachment {
  source: string;
  id: string;
}

/** One message as the application composes it; transports turn it into MIME. */
export interface OutgoingMail {
  /** Envelope recipients. The file driver writes one copy per recipient with that recipient in `To`. */
  to: string[];
  /**
   * What the `To` header shows when one SMTP transaction carries many envelope recipients (a
   * bulk notice), so that recipients do not see each other; the SMTP driver only.
   */
  displayTo?: string;
  subject: string;
  text: string;
  html?: string;
  from?: string;
  /** A stable id (without angle brackets), so a resent copy is recognisably the same message. */
  messageId?: string;
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
  /** Files attached when the message is sent (after `attachments`), read through MailAttachmentSources. */
  storedAttachments?: StoredAttachment[];
}

export interface RecipientResult {
  address: string;
  accepted: boolean;
  /** The server's reply to this recipient, e.g. "550 5.1.1 no such user". */
  response?: string;
  /** Its reply code (550); absent when the transport has none (the file driver). */
  code?: number;
}

export interface SendResult {
  messageId: string;
  recipients: RecipientResult[];
}
