import { createHash } from 'node:crypto';

import { Injectable, Logger } from '@nestjs/common';

import { Clock, type RequestContext, ValidationFailedError } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import { isUniqueViolation } from '@madoguchi/database';

import { type AttachmentFile, keptAttachments } from '../domain/attachment';
import {
  cleanSubject,
  guessLanguage,
  ignoredBecause,
  type InboundMail,
  messageBody,
  senderVerified,
  threadReference,
} from '../domain/inbound-mail';
import { IdempotencyKeys } from '../infrastructure/idempotency-keys';
import { parseInboundMail } from '../infrastructure/parse-inbound-mail';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { TicketAttachments } from '../infrastructure/ticket-attachments';
import { type InquiryChannel, type InquiryReceipt, InquiryService } from './inquiry.service';
import { TicketCommandService } from './ticket-command.service';

export type InboundOutcome =
  | {
      outcome: 'created' | 'appended';
      ticketId: string;
      number: string;
      attachments: number;
      /** A reply whose sender could not be verified: the ticket it named, which it did not join. */
      unverifiedReplyTo?: string;
    }
  | { outcome: 'ignored'; reason: string };

interface NewEmailTicket {
  mail: InboundMail;
  from: { address: string; name: string };
  body: string;
  attachments: readonly AttachmentFile[];
  unverifiedReplyTo?: string;
}

const EMAIL_INQUIRY: InquiryChannel = { channel: 'email', idempotencyScope: 'inbound-mail' };

/** The address inside `Name <address>` (or the whole value). */
function addressOf(mailbox: string): string {
  return (/<([^>]+)>/.exec(mailbox)?.[1] ?? mailbox).trim().toLowerCase();
}

/**
 * E-mail to the desk: a reply to one of our messages (by Message-ID or the ticket tag in the
 * subject) from the ticket's requester is added to that ticket, as a portal reply would be (a
 * closed ticket gets a follow-up); anything else opens an `email` ticket with the usual
 * acknowledgement. Automatic mail is ignored (no loops). A message delivered twice (the mail server
 * retrying) is handled once: its Message-ID is the idempotency key.
 */
@Injectable()
export class InboundMailService {
  private readonly logger = new Logger(InboundMailService.name);

  constructor(
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly inquiries: InquiryService,
    private readonly commands: TicketCommandService,
    private readonly tickets: TicketRepository,
    private readonly idempotencyKeys: IdempotencyKeys,
    private readonly attachments: TicketAttachments,
  ) {}

  async receive(context: RequestContext, raw: Buffer, now = this.clock.now()): Promise<InboundOutcome> {
    const mail = await parseInboundMail(raw);
    const from = mail.from;
    if (!from || from.address.length > 254 || /[\r\n]/.test(from.address)) {
      throw new ValidationFailedError([
        { field: 'From', messages: ['the message has no usable sender address'], rule: 'email' },
      ]);
    }
    const ignored = ignoredBecause(mail, [addressOf(this.config.MAIL_FROM)]);
    if (ignored) {
      this.logger.log({ from: from.address, reason: ignored }, 'inbound mail ignored');
      return { outcome: 'ignored', reason: ignored };
    }
    // By Message-ID *and* sender: a mail sent first with someone else's Message-ID cannot make theirs vanish.
    const key = createHash('sha256')
      .update(mail.messageId ? `${mail.messageId}\n${from.address}` : raw)
      .digest('hex');
    const earlier = await this.earlierOutcome(key);
    if (earlier) return earlier;

    const { body, fullText } = messageBody(mail.text);
    const { kept, dropped } = keptAttachments(fullText ? [fullText, ...mail.attachments] : mail.attachments);
    if (dropped > 0)
      this.logger.warn({ from: from.address, dropped }, 'inbound mail attachments over the limits dropped');
    const ticket = await this.repliedTicket(mail, from.address);
    if (!ticket) return this.open(context, { mail, from, body, attachments: kept }, key, now);
    if (!senderVerified(mail, this.config.INBOUND_MAIL_TRUSTED_RELAYS)) {
      // Anyone can write the requester's address in From: unproven, it opens a ticket of its own that names the other.
      this.logger.warn({ ticket: ticket.number, from: from.address }, 'inbound reply from an unverified sender');
      return this.open(context, { mail, from, body, attachments: kept, unverifiedReplyTo: ticket.number }, key, now);
    }
    try {
      let outcome: InboundOutcome | undefined;
      await this.commands.addRequesterEmail(context, ticket.id, body, now, async (transaction, written) => {
        outcome = { outcome: 'appended', ticketId: written.ticketId, number: written.number, attachments: kept.length };
        await this.attachments.insert(
          transaction,
          kept.map((file) => ({ ...file, messageId: written.messageId })),
        );
        await this.idempotencyKeys.insert(transaction, {
          scope: EMAIL_INQUIRY.idempotencyScope,
          key,
          requestHash: key,
          response: outcome,
        });
      });
      this.logger.log({ ticket: ticket.number, from: from.address }, 'inbound mail added to ticket');
      return outcome!;
    } catch (error) {
      // The same message, delivered twice at once: the other delivery stored it.
      if (isUniqueViolation(error)) {
        const stored = await this.earlierOutcome(key);
        if (stored) return stored;
      }
      throw error;
    }
  }

  private async open(
    context: RequestContext,
    { mail, from, body, attachments, unverifiedReplyTo }: NewEmailTicket,
    key: string,
    now: number,
  ): Promise<InboundOutcome> {
    const subject =
      cleanSubject(mail.subject)
        .replace(/[\r\n]+/g, ' ')
        .slice(0, 160) || '(件名なし / no subject)';
    const named = unverifiedReplyTo ? `${subject}（${unverifiedReplyTo} への返信・送信者未確認）` : subject;
    const receipt = await this.inquiries.submit(
      context,
      {
        name: (from.name.replace(/[\r\n]+/g, ' ').trim() || from.address.split('@')[0]!).slice(0, 100),
        email: from.address,
        subject: named,
        body,
        language: guessLanguage(`${subject}\n${body}`),
      },
      key,
      now,
      EMAIL_INQUIRY,
      attachments,
    );
    this.logger.log({ ticket: receipt.number, from: from.address }, 'inbound mail opened a ticket');
    return {
      outcome: 'created',
      ticketId: receipt.id,
      number: receipt.number,
      attachments: attachments.length,
      ...(unverifiedReplyTo ? { unverifiedReplyTo } : {}),
    };
  }

  /** The ticket this answers, if its requester wrote it: nobody adds to another's ticket by quoting its number. */
  private async repliedTicket(mail: InboundMail, sender: string) {
    const reference = threadReference(mail, new URL(this.config.PUBLIC_BASE_URL).hostname);
    if (!reference) return null;
    const ticket = await this.tickets.findReferenced(reference);
    return ticket && ticket.requesterEmail?.toLowerCase() === sender ? ticket : null;
  }

  private async earlierOutcome(key: string): Promise<InboundOutcome | null> {
    const stored = await this.idempotencyKeys.find(EMAIL_INQUIRY.idempotencyScope, key);
    if (!stored) return null;
    const response = stored.response as InboundOutcome | InquiryReceipt;
    if ('outcome' in response) return response;
    // It opened a ticket (the intake stored its receipt): its files are on the first message.
    const attachments = await this.attachments.countOnFirstMessage(response.id);
    return { outcome: 'created', ticketId: response.id, number: response.number, attachments };
  }
}
