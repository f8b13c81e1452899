import { createHash } from 'node:crypto';

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { CalendarService, formatInZone } from '@madoguchi/business-calendar';
import { Clock, DomainError, type RequestContext } from '@madoguchi/common';
import { MailOutbox, type OutgoingMail } from '@madoguchi/mail';

import { IdempotencyKeyEntity } from '../infrastructure/idempotency-key.entity';
import { acknowledgementKey, acknowledgementMail } from './acknowledgement';
import { TicketOpener } from './ticket-opener';

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
}

const IDEMPOTENCY_SCOPE = 'inquiry';
const UNIQUE_VIOLATION = '23505';

/**
 * The public inquiry form, open 24/7: one ticket, its first message, its SLA due times on the
 * support calendar, history and audit in one transaction; then the acknowledgement e-mail, sent
 * once per ticket however often the request is retried.
 */
@Injectable()
export class SubmitInquiryUseCase {
  private readonly logger = new Logger(SubmitInquiryUseCase.name);

  constructor(
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarService,
    private readonly opener: TicketOpener,
    private readonly outbox: MailOutbox,
  ) {}

  async submit(
    context: RequestContext,
    input: InquiryInput,
    idempotencyKey?: string,
    now = this.clock.now(),
  ): Promise<InquiryReceipt> {
    const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
    // The desk's hours, for the acknowledgement (the ticket's SLA calendar comes from its policy).
    const calendar = await this.calendars.calendar('support-hours');
    const customer = context.actor?.role === 'customer' ? context.actor : null;
    const language = input.language ?? customer?.language ?? 'ja';
    const replay = async () => {
      const earlier = idempotencyKey ? await this.earlierAnswer(idempotencyKey, requestHash) : null;
      // Relay the acknowledgement again in case the first attempt could not; it goes out once.
      if (earlier) await this.outbox.relayNow(acknowledgementKey(earlier.id), 'ticket-acknowledgement');
      return earlier;
    };
    const earlier = await replay();
    if (earlier) return earlier;

    let receipt: InquiryReceipt;
    let acknowledgement: OutgoingMail | undefined;
    try {
      receipt = await this.dataSource.transaction(async (manager) => {
        const opened = await this.opener.open(
          manager,
          context,
          {
            organizationId: customer?.organizationId ?? null,
            requesterId: customer?.userId ?? null,
            requesterName: input.name,
            requesterEmail: input.email,
            requesterCompany: input.company ?? null,
            requesterPhone: input.phone ?? null,
            requesterLanguage: language,
            channel: 'web',
            category: input.category ?? null,
            subject: input.subject,
            body: input.body,
          },
          now,
        );
        const answer: InquiryReceipt = {
          id: opened.id,
          number: opened.number,
          createdAt: formatInZone(now, opened.timeZone),
          firstResponseDueAt: formatInZone(opened.firstResponseDueAt, opened.timeZone),
          resolutionDueAt: formatInZone(opened.resolutionDueAt, opened.timeZone),
        };
        // The acknowledgement is written with the ticket: committed together, never one without the other.
        acknowledgement = acknowledgementMail(
          { name: input.name, email: input.email, language },
          { number: answer.number, subject: input.subject, firstResponseDueAt: opened.firstResponseDueAt },
          calendar.definition,
        );
        await this.outbox.write(manager, acknowledgement, acknowledgementKey(answer.id));
        if (idempotencyKey) {
          await manager.insert(IdempotencyKeyEntity, {
            scope: IDEMPOTENCY_SCOPE,
            key: idempotencyKey,
            requestHash,
            response: { ...answer },
          });
        }
        return answer;
      });
    } catch (error) {
      // A concurrent retry with the same key committed first: answer as it did.
      if (idempotencyKey && (error as { code?: string }).code === UNIQUE_VIOLATION) {
        const answered = await replay();
        if (answered) return answered;
      }
      throw error;
    }
    await this.outbox.relayNow(acknowledgementKey(receipt.id), 'ticket-acknowledgement', acknowledgement);
    this.logger.log({ ticket: receipt.number }, 'inquiry received');
    return receipt;
  }

  private async earlierAnswer(key: string, requestHash: string): Promise<InquiryReceipt | null> {
    const stored = await this.dataSource
      .getRepository(IdempotencyKeyEntity)
      .findOneBy({ scope: IDEMPOTENCY_SCOPE, key });
    if (!stored) return null;
    if (stored.requestHash !== requestHash) {
      throw new DomainError(
        'idempotency.key-reused',
        'This Idempotency-Key was used with a different request.',
        'rule-violation',
        {
          rule: 'idempotency.same-request',
        },
      );
    }
    return stored.response as unknown as InquiryReceipt;
  }
}
