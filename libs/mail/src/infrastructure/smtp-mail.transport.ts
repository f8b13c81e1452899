import { createTransport, Transporter } from 'nodemailer';

import type { OutgoingMail, RecipientResult, SendResult } from '../domain/mail-message';
import { MailTransport, toNodemailerMessage } from './mail-transport';

interface RejectedError {
  recipient?: string;
  response?: string;
  responseCode?: number;
}

/**
 * When every recipient of a transaction was refused, nodemailer rejects with each refusal
 * attached: those are per-recipient answers, not a transport failure. Undefined otherwise.
 */
export function recipientRefusalsOf(error: unknown): RecipientResult[] | undefined {
  const refusals = (error as { rejectedErrors?: RejectedError[] } | null)?.rejectedErrors;
  if (!refusals?.length) return undefined;
  return refusals
    .filter((refusal) => refusal.recipient)
    .map((refusal) => ({
      address: refusal.recipient!,
      accepted: false,
      response: refusal.response,
      code: refusal.responseCode,
    }));
}

/** The service mode: nodemailer's pooled SMTP transport, connections reused across messages. */
export class SmtpMailTransport implements MailTransport {
  readonly kind = 'smtp';
  private readonly transporter: Transporter;

  constructor(smtpUrl: string, options: { maxConnections?: number; timeoutSeconds?: number } = {}) {
    // A server that goes silent fails the transaction within the timeout (nodemailer waits 10 min
    // by default), well inside the sender's lease, so a hung transaction is never sent twice.
    const timeoutMs = (options.timeoutSeconds ?? 60) * 1000;
    this.transporter = createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections: options.maxConnections ?? 5,
      maxMessages: Infinity,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    } as Parameters<typeof createTransport>[0]);
  }

  async send(mail: OutgoingMail & { from: string }): Promise<SendResult> {
    const message = mail.displayTo
      ? { ...toNodemailerMessage(mail, [mail.displayTo]), envelope: { from: mail.from, to: mail.to } }
      : toNodemailerMessage(mail, mail.to);
    const info = await this.transporter.sendMail(message);
    const refused = new Map((recipientRefusalsOf(info) ?? []).map((refusal) => [refusal.address, refusal]));
    const accepted = Number(String(info.response).slice(0, 3)) || undefined;
    return {
      messageId: String(info.messageId).replace(/^<|>$/g, ''),
      recipients: mail.to.map(
        (address) => refused.get(address) ?? { address, accepted: true, response: info.response, code: accepted },
      ),
    };
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
