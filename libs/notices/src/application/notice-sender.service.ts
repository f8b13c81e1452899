import { createHash } from 'node:crypto';

import { Injectable, Logger } from '@nestjs/common';

import { AppConfig } from '@madoguchi/config';
import {
  type DeliveryOutcome,
  deliveryOutcome,
  keepLeaseAlive,
  MailService,
  nextAttemptAt,
  type RecipientResult,
  type RetrySchedule,
  retryScheduleOf,
  UnrecordedAnswers,
} from '@madoguchi/mail';
import { Metrics } from '@madoguchi/observability';

import type { NoticeContent } from '../domain/notice-content';
import { type BatchLease, NoticeDeliveryRepository } from '../infrastructure/notice-delivery.repository';
import { withUnsubscribeLink } from '../templates/notice-mail.templates';
import { runLength, type SendBatchJob } from './notices.queue';

/** A leased batch: its lease's revision (to release only our own lease), its tries so far and its pending recipients. */
interface ClaimedBatch extends BatchLease {
  attempts: number;
  retryStartedAt: Date;
  recipients: string[];
  /** The status page subscribers among them, with their unsubscribe tokens. */
  unsubscribeTokens: Map<string, string>;
}

/** One SMTP transaction: a batch's contacts together, or one subscriber with its own unsubscribe link. */
interface Envelope {
  recipients: string[];
  unsubscribeToken?: string;
}

export interface BatchResult {
  claimed: number;
  sent: number;
  failed: number;
  deferred: number;
}

/**
 * Sends one job's run of batches: claims the run's due, pending rows with a lease (one statement),
 * sends each batch as one message to all its recipients (one RCPT each, a stable Message-ID; a
 * status page subscriber among them gets a message of its own, with its one-click unsubscribe link; the
 * batches in parallel over the pool, a batch refused as a whole split until the refusal is pinned
 * on its recipients), keeps the lease alive while a transaction runs, and records each
 * recipient's reply on its row (one statement): sent; 5xx → failed and the address quarantined;
 * 4xx or no reply → pending, and the batch is tried again on the retry schedule, not by the job.
 */
@Injectable()
export class NoticeSenderService {
  private readonly logger = new Logger(NoticeSenderService.name);
  private readonly contents = new Map<string, NoticeContent>();
  /** Recipients' final answers not yet recorded (by notice and address). */
  private readonly unrecorded = new UnrecordedAnswers<RecipientResult>();
  private readonly schedule: RetrySchedule;

  constructor(
    private readonly deliveries: NoticeDeliveryRepository,
    private readonly mail: MailService,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    this.schedule = retryScheduleOf(config);
  }

  async sendBatch(job: SendBatchJob): Promise<BatchResult> {
    const batches = await this.claim(job);
    if (batches.length === 0) return { claimed: 0, sent: 0, failed: 0, deferred: 0 };
    const content = await this.content(job.noticeId);
    // Recipients whose answer is known but unrecorded (the database went away after the send) are not sent again.
    const keyOf = (address: string) => `${job.noticeId}|${address}`;
    const known = batches.flatMap((batch) =>
      batch.recipients.flatMap((address) => this.unrecorded.get(keyOf(address)) ?? []),
    );
    const sending = batches.flatMap((batch) =>
      envelopesOf(
        batch,
        batch.recipients.filter((address) => !this.unrecorded.get(keyOf(address))),
      ),
    );
    const stopRenewing = this.keepLeases(job, batches);
    let results: RecipientResult[];
    try {
      results = (await Promise.all(sending.map((envelope) => this.sendOne(job, content, envelope)))).flat();
    } finally {
      stopRenewing();
    }
    for (const result of results)
      if (deliveryOutcome(result.code, result.accepted) !== 'retry')
        this.unrecorded.keep(keyOf(result.address), result);
    results.push(...known);
    const outcome = await this.record(job, batches, results);
    for (const result of results) this.unrecorded.forget(keyOf(result.address));
    return { claimed: results.length, ...outcome };
  }

  private sendOne(job: SendBatchJob, content: NoticeContent, envelope: Envelope): Promise<RecipientResult[]> {
    const localized = content[job.language];
    const host = new URL(this.config.PUBLIC_BASE_URL).hostname;
    const common = {
      to: envelope.recipients,
      attachments: content.attachments,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Madoguchi-Notice': job.noticeId },
    };
    const token = envelope.unsubscribeToken;
    if (!token)
      return this.mail.deliver({
        ...common,
        displayTo: this.config.MAIL_FROM,
        ...localized,
        messageId: `notice.${job.noticeId}.${job.language}@${host}`,
      });
    // RFC 8058: a mail client offers "unsubscribe" and POSTs `List-Unsubscribe=One-Click` to the link.
    const link = new URL(`/status/unsubscribe/${token}`, this.config.PUBLIC_BASE_URL).toString();
    const tag = createHash('sha256').update(token).digest('hex').slice(0, 16);
    return this.mail.deliver({
      ...common,
      ...withUnsubscribeLink(localized, job.language, link),
      messageId: `notice.${job.noticeId}.${job.language}.${tag}@${host}`,
      headers: {
        ...common.headers,
        'List-Unsubscribe': `<${link}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
  }

  /**
   * Renews the run's leases every third of their length while its transactions run, so a slow
   * server never lets another sender take (and send again) a batch this one is still sending.
   */
  private keepLeases(job: SendBatchJob, batches: ClaimedBatch[]): () => void {
    return keepLeaseAlive(
      this.config.NOTICE_LEASE_SECONDS,
      () => this.deliveries.renewLeases(job, batches, this.config.NOTICE_LEASE_SECONDS),
      this.logger,
      { noticeId: job.noticeId },
    );
  }

  /**
   * Leases the run's due, unfinished batches with their pending recipients. A batch still failing
   * when its retry window (MAIL_GIVE_UP_HOURS) has closed is given up instead: its pending
   * recipients become `gave_up` (not quarantined: the addresses may be fine), for a manager to see
   * and resend.
   */
  private async claim(job: SendBatchJob): Promise<ClaimedBatch[]> {
    const rows = await this.deliveries.claim(
      job,
      runLength(job),
      this.config.NOTICE_LEASE_SECONDS,
      this.schedule.giveUpHours,
    );
    const givenUp = rows[0]?.givenUp ?? 0;
    if (givenUp > 0) {
      this.metrics.noticeDeliveries.inc({ outcome: 'gave_up' }, givenUp);
      this.logger.error({ noticeId: job.noticeId, givenUp }, 'notice recipients given up after the retry window');
    }
    const batches = new Map<number, ClaimedBatch>();
    for (const row of rows) {
      if (row.done) continue;
      let batch = batches.get(row.batchNo);
      if (!batch)
        batches.set(
          row.batchNo,
          (batch = {
            batchNo: row.batchNo,
            revision: row.revision,
            attempts: row.attempts,
            retryStartedAt: new Date(row.retryStartedAt),
            recipients: [],
            unsubscribeTokens: new Map(),
          }),
        );
      if (row.recipient === null) continue;
      batch.recipients.push(row.recipient);
      if (row.unsubscribeToken) batch.unsubscribeTokens.set(row.recipient, row.unsubscribeToken);
    }
    return [...batches.values()];
  }

  /** Every recipient's reply on its row, each batch's next try, permanent refusals quarantined. */
  private async record(job: SendBatchJob, batches: ClaimedBatch[], results: RecipientResult[]) {
    const outcomes = results.map((result) => deliveryOutcome(result.code, result.accepted));
    const now = Date.now();
    // A try that falls due at the window's end is the claim that gives the batch up.
    const nextTries = batches.map(
      (batch) => new Date(nextAttemptAt(this.schedule, batch.attempts, batch.retryStartedAt.getTime(), now)),
    );
    await this.deliveries.record(
      job,
      runLength(job),
      results.map((result, index) => ({
        address: result.address,
        outcome: outcomes[index]!,
        response: result.response ?? null,
      })),
      batches.map((batch, index) => ({
        batchNo: batch.batchNo,
        revision: batch.revision,
        nextAttemptAt: nextTries[index]!,
      })),
    );
    const count = (outcome: DeliveryOutcome) => outcomes.filter((o) => o === outcome).length;
    const tally = { sent: count('sent'), failed: count('failed'), deferred: count('retry') };
    this.metrics.noticeDeliveries.inc({ outcome: 'sent' }, tally.sent);
    this.metrics.noticeDeliveries.inc({ outcome: 'failed' }, tally.failed);
    this.metrics.noticeDeliveries.inc({ outcome: 'deferred' }, tally.deferred);
    if (tally.failed > 0)
      this.logger.warn({ noticeId: job.noticeId, failed: tally.failed }, 'notice recipients refused permanently');
    if (tally.deferred > 0)
      this.logger.warn(
        { noticeId: job.noticeId, deferred: tally.deferred },
        'notice recipients deferred; retrying later',
      );
    return tally;
  }

  /** A notice's content never changes once written: each process reads it once. */
  private async content(noticeId: string): Promise<NoticeContent> {
    let content = this.contents.get(noticeId);
    if (!content) {
      content = await this.deliveries.content(noticeId);
      if (this.contents.size >= 100) this.contents.delete(this.contents.keys().next().value!);
      this.contents.set(noticeId, content);
    }
    return content;
  }
}

/** The batch's `recipients` (those still to send) as transactions: its contacts in one, each subscriber alone. */
function envelopesOf(batch: ClaimedBatch, recipients: string[]): Envelope[] {
  const together = recipients.filter((address) => !batch.unsubscribeTokens.has(address));
  return [
    ...(together.length > 0 ? [{ recipients: together }] : []),
    ...recipients
      .filter((address) => batch.unsubscribeTokens.has(address))
      .map((address) => ({ recipients: [address], unsubscribeToken: batch.unsubscribeTokens.get(address)! })),
  ];
}
