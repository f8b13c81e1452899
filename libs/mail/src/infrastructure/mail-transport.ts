import type { OutgoingMail, SendResult } from '../domain/mail-message';

export interface MailTransport {
  readonly kind: 'file' | 'smtp';
  /** Resolves when every recipient was accepted or refused one by one; rejects when nothing was sent. */
  send(mail: OutgoingMail & { from: string }): Promise<SendResult>;
  close(): Promise<void>;
}

export function toNodemailerMessage(mail: OutgoingMail & { from: string }, to: string[]) {
  return {
    from: mail.from,
    to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId ? `<${mail.messageId}>` : undefined,
    headers: mail.headers,
    attachments: mail.attachments,
  };
}
