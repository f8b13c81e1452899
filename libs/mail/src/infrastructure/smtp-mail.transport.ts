import { createTransport, Transporter } from 'nodemailer';

import type { OutgoingMail, SendResult } from '../domain/mail-message';
import { MailTransport, toNodemailerMessage } from './mail-transport';

interface RejectedError {
  recipient?: string;
  response?: string;
}

/** The service mode: nodemailer's pooled SMTP transport, connections reused across messages. */
export class SmtpMailTransport implements MailTransport {
  readonly kind = 'smtp';
  private readonly transporter: Transporter;

  constructor(smtpUrl: string, options: { maxConnections?: number } = {}) {
    this.transporter = createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections: options.maxConnections ?? 5,
      maxMessages: Infinity,
    } as Parameters<typeof createTransport>[0]);
  }

  async send(mail: OutgoingMail & { from: string }): Promise<SendResult> {
    const info = await this.transporter.sendMail(toNodemailerMessage(mail, mail.to));
    const rejectedErrors = ((info as { rejectedErrors?: RejectedError[] }).rejectedErrors ?? []).filter(
      (error) => error.recipient,
    );
    const refused = new Map(rejectedErrors.map((error) => [error.recipient!, error.response]));
    return {
      messageId: String(info.messageId).replace(/^<|>$/g, ''),
      recipients: mail.to.map((address) =>
        refused.has(address)
          ? { address, accepted: false, response: refused.get(address) }
          : { address, accepted: true, response: info.response },
      ),
    };
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
