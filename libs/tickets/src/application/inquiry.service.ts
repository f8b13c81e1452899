import { createHash, randomUUID } from 'node:crypto';

import { Injectable, Logger } from '@nestjs/common';

import { CalendarService, formatInZone } from '@madoguchi/business-calendar';
import { Clock, type RequestContext } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import { isUniqueViolation } from '@madoguchi/database';

import type { AttachmentFile } from '../domain/attachment';
import type { TicketChannel } from '../domain/ticket';
import { idempotencyKeyReused } from '../domain/tickets.errors';
import { IdempotencyKeys } from '../infrastructure/idempotency-keys';
import { acknowledgementKey, acknowledgementMail } from './acknowledgement';
import { InquiryWriterService } from './inquiry-writer.service';
import { TicketOpenerService } from './ticket-opener.service';

export interface InquiryInput {
  name: string;
  company?: string;
  email: string;
  phone?: string;
  category?: string;
  subject: string;
  body: string;
  language?: 'ja' | 'en';
}

/** What the submitter is told (the API's 201 body); times in the support calendar's offset. */
export interface InquiryReceipt {
  id: string;
  number: string;
  createdAt: string;
  firstResponseDueAt: string;
  resolutionDueAt: string;
  /** The files stored with the inquiry (as the thread lists them). */
  attachments: Array<{ id: string; filename: string; contentType: string; size: number }>;
}

/** How an inquiry came in: the ticket's channel and the namespace of its idempotency keys. */
export interface InquiryChannel {
  channel: TicketChannel;
  idempotencyScope: string;
}

export const WEB_INQUIRY: InquiryChannel = { channel: 'web', idempotencyScope: 'inquiry' };

/**
 * The public inquiry form, open 24/7: one ticket, its first message, its SLA due times on the
 * support calendar, history and audit written together (in batches under load: InquiryWriterService); then the acknowledgement e-mail, sent
 * once per ticket however often the request is retried.
 */
@Injectable()
export class InquiryService {
  private readonly logger = new Logger(InquiryService.name);

  constructor(
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly opener: TicketOpenerService,
    private readonly writer: InquiryWriterService,
    private readonly idempotencyKeys: IdempotencyKeys,
    private readonly config: AppConfig,
  ) {}

  /** `via`: the web form and API by default; inbound e-mail opens `email` tickets with its own keys. */
  async submit(
    context: RequestContext,
    input: InquiryInput,
    idempotencyKey?: string,
    now = this.clock.now(),
    via: InquiryChannel = WEB_INQUIRY,
    attachments: readonly AttachmentFile[] = [],
  ): Promise<InquiryReceipt> {
    // Only a request with an Idempotency-Key is compared with an earlier one (its files included).
    const requestHash = () => {
      const hash = createHash('sha256').update(JSON.stringify(input));
      for (const file of attachments) hash.update(file.filename).update(file.content);
      return hash.digest('hex');
    };
    const files = attachments.map((file) => ({ ...file, id: randomUUID() }));
    // The desk's hours, for the acknowledgement (the ticket's SLA calendar comes from its policy).
    const calendar = await this.calendars.calendar('support-hours');
    const customer = context.actor?.role === 'customer' ? context.actor : null;
    const language = input.language ?? customer?.language ?? 'ja';
    const replay = async () =>
      idempotencyKey ? await this.earlierAnswer(via.idempotencyScope, idempotencyKey, requestHash()) : null;
    const earlier = await replay();
    if (earlier) return earlier;

    const prepared = await this.opener.prepare(
      context,
      {
        organizationId: customer?.organizationId ?? null,
        requesterId: customer?.userId ?? null,
        requesterName: input.name,
        requesterEmail: input.email,
        requesterCompany: input.company ?? null,
        requesterPhone: input.phone ?? null,
        requesterLanguage: language,
        channel: via.channel,
        category: input.category ?? null,
        subject: input.subject,
        body: input.body,
      },
      now,
    );
    const { opened } = prepared;
    const receipt: InquiryReceipt = {
      id: opened.id,
      number: opened.number,
      createdAt: formatInZone(now, opened.timeZone),
      firstResponseDueAt: formatInZone(opened.firstResponseDueAt, opened.timeZone),
      resolutionDueAt: formatInZone(opened.resolutionDueAt, opened.timeZone),
      attachments: files.map(({ id, filename, contentType, content }) => ({
        id,
        filename,
        contentType,
        size: content.length,
      })),
    };
    // The acknowledgement is written with the ticket: committed together, never one without the other.
    const acknowledgement = acknowledgementMail(
      { name: input.name, email: input.email, language },
      {
        id: receipt.id,
        number: receipt.number,
        subject: input.subject,
        body: input.body,
        openedAt: now,
        firstResponseDueAt: opened.firstResponseDueAt,
      },
      calendar.definition,
      this.config.PUBLIC_BASE_URL,
    );
    try {
      await this.writer.write({
        prepared,
        acknowledgement: { mail: acknowledgement, dedupKey: acknowledgementKey(receipt.id) },
        attachments: files,
        idempotency: idempotencyKey
          ? { scope: via.idempotencyScope, key: idempotencyKey, requestHash: requestHash(), response: receipt }
          : undefined,
      });
    } catch (error) {
      // A concurrent retry with the same key committed first: answer as it did.
      if (idempotencyKey && isUniqueViolation(error)) {
        const answered = await replay();
        if (answered) return answered;
      }
      throw error;
    }
    // The outbox row written with the ticket is the e-mail's guarantee; the workers relay it.
    this.logger.log({ ticket: receipt.number }, 'inquiry received');
    return receipt;
  }

  private async earlierAnswer(scope: string, key: string, requestHash: string): Promise<InquiryReceipt | null> {
    const stored = await this.idempotencyKeys.find(scope, key);
    if (!stored) return null;
    if (stored.requestHash !== requestHash) throw idempotencyKeyReused();
    // Answers stored before inquiries took files have no list of them.
    const receipt = stored.response as unknown as InquiryReceipt;
    return { ...receipt, attachments: receipt.attachments ?? [] };
  }
}
