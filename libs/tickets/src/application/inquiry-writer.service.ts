import { Injectable } from '@nestjs/common';

import { allFulfilled, Coalescer } from '@madoguchi/common';
import { AtomicStatement, UnitOfWork } from '@madoguchi/database';
import { MailOutboxService, type OutgoingMail } from '@madoguchi/mail';

import type { AttachmentFile } from '../domain/attachment';
import { IdempotencyKeys, type IdempotencyRecord } from '../infrastructure/idempotency-keys';
import { TicketAttachments } from '../infrastructure/ticket-attachments';
import { type PreparedTicket, TicketOpenerService } from './ticket-opener.service';

/** Inquiries written per statement at most. */
const MAX_BATCH = 200;

/** Everything one inquiry writes: its ticket (with message, history, audit), acknowledgement and key. */
export interface PendingInquiry {
  prepared: PreparedTicket;
  acknowledgement: { mail: OutgoingMail; dedupKey: string };
  idempotency?: IdempotencyRecord;
  /** Files that came with it (inbound e-mail), stored with its first message. */
  attachments?: readonly AttachmentFile[];
}

/**
 * Writes inquiries with group commit: those that arrive while a write is under way are written
 * together by the next one, as one statement with one multi-row INSERT per table. A statement's
 * fixed cost (round trip, planning, commit and its WAL flush) dwarfs its rows' on this path, so a
 * busy intake pays it once per batch rather than once per inquiry; an idle one pays no wait. Each
 * request still returns only after its own rows are committed. If a batch fails, its inquiries are
 * written one by one, so one bad inquiry (a repeated Idempotency-Key) fails alone.
 */
@Injectable()
export class InquiryWriterService {
  private readonly batches = new Coalescer<PendingInquiry>((batch) => this.writeBatch(batch), MAX_BATCH);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly opener: TicketOpenerService,
    private readonly outbox: MailOutboxService,
    private readonly idempotencyKeys: IdempotencyKeys,
    private readonly attachments: TicketAttachments,
  ) {}

  /** Resolves once the inquiry is committed; rejects with the database's error if it could not be. */
  write(inquiry: PendingInquiry): Promise<void> {
    return this.batches.add(inquiry);
  }

  private async writeBatch(batch: PendingInquiry[]): Promise<Array<PromiseSettledResult<void>>> {
    try {
      await this.unitOfWork.write(this.statementFor(batch));
      return allFulfilled(batch.length, undefined);
    } catch (error) {
      if (batch.length === 1) return [{ status: 'rejected', reason: error }];
      const outcomes: Array<PromiseSettledResult<void>> = [];
      for (const inquiry of batch) {
        try {
          await this.unitOfWork.write(this.statementFor([inquiry]));
          outcomes.push({ status: 'fulfilled', value: undefined });
        } catch (alone) {
          outcomes.push({ status: 'rejected', reason: alone });
        }
      }
      return outcomes;
    }
  }

  private statementFor(batch: readonly PendingInquiry[]): AtomicStatement {
    const statement = new AtomicStatement();
    this.opener.addTo(
      statement,
      batch.map((inquiry) => inquiry.prepared),
    );
    this.outbox.writeIn(
      statement,
      batch.map((inquiry) => inquiry.acknowledgement),
    );
    this.attachments.addIn(
      statement,
      batch.flatMap((inquiry) =>
        (inquiry.attachments ?? []).map((file) => ({ ...file, messageId: inquiry.prepared.ticket.messageId })),
      ),
    );
    this.idempotencyKeys.addIn(
      statement,
      batch.flatMap((inquiry) => (inquiry.idempotency ? [inquiry.idempotency] : [])),
    );
    return statement;
  }
}
