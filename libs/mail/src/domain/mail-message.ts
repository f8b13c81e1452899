export type MailLanguage = 'ja' | 'en';

export interface MailAttachment {
  filename: string;
  content: string | Buffer;
  contentType?: string;
}

/** One message as the application composes it; transports turn it into MIME. */
export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  from?: string;
  /** A stable id (without angle brackets), so a resent copy is recognisably the same message. */
  messageId?: string;
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
}

export interface RecipientResult {
  address: string;
  accepted: boolean;
  /** The server's reply to this recipient, e.g. "550 5.1.1 no such user". */
  response?: string;
}

export interface SendResult {
  messageId: string;
  recipients: RecipientResult[];
}
