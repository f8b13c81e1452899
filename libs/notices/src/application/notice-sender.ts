import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AppConfig } from '@madoguchi/config';
import { MailService, recipientRefusalsOf, type RecipientResult } from '@madoguchi/mail';
import { Metrics } from '@madoguchi/observability';

import { type DeliveryOutcome, deliveryOutcome, MAX_DELIVERY_ATTEMPTS } from '../domain/delivery-outcome';
import type { NoticeContent } from '../domain/notice-content';
import { changedRows } from '../infrastructure/sql';
import type { SendBatchJob } from './notices.queue';

/** Temporary failures remain: the job is retried later (with backoff) for those recipients only. */
export class DeferredDeliveriesError extends Error {
  constructor(readonly deferred: number) {
    super(`${deferred} recipient(s) deferred; retrying later`);
    this.name = 'DeferredDeliveriesError';
  }
}

export interface BatchResult {
  claimed: number;
  sent: number;
  failed: number;
  deferred: number;
}

/**
 * Sends one batch: claims the batch's pending rows with a lease, sends one message to all of them
 * in one SMTP transaction (one RCPT each, a stable Message-ID), and records each recipient's reply
 * on its row: sent; 5xx → failed and the address quarantined; 4xx → pending for a retry.
 */
@Injectable()
export class NoticeSender {
  private readonly logger = new Logger(NoticeSender.name);
  private readonly contents = new Map<string, NoticeContent>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  async sendBatch(job: SendBatchJob): Promise<BatchResult> {
    const recipients = await this.claim(job);
    if (recipients.length === 0) return { claimed: 0, sent: 0, failed: 0, deferred: 0 };
    const content = await this.content(job.noticeId);
    const localized = content[job.language];
    let results: RecipientResult[];
    try {
      const sent = await this.mail.send({
        to: recipients,
        displayTo: this.config.MAIL_FROM,
        subject: localized.subject,
        text: localized.text,
        html: localized.html,
        messageId: `notice.${job.noticeId}.${job.language}@${new URL(this.config.PUBLIC_BASE_URL).hostname}`,
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Madoguchi-Notice': job.noticeId },
        attachments: content.attachments,
      });
      results = sent.recipients;
    } catch (error) {
      // Everyone refused one by one is an answer per recipient; anything else (421 at DATA, a lost
      // connection) leaves the whole batch pending for the retry.
      results =
        recipientRefusalsOf(error) ??
        recipients.map((address) => ({
          address,
          accepted: false,
          code: (error as { responseCode?: number }).responseCode,
          response: (error as Error).message,
        }));
    }
    const outcome = await this.record(job, results);
    if (outcome.deferred > 0) throw new DeferredDeliveriesError(outcome.deferred);
    return { claimed: recipients.length, ...outcome };
  }

  /**
   * Leases the batch's pending rows (one statement). A row that already failed temporarily
   * MAX_DELIVERY_ATTEMPTS times is given up instead (failed, not quarantined: the address may be fine).
   */
  private async claim(job: SendBatchJob): Promise<string[]> {
    const rows = await changedRows<{ recipient: string; status: string }>(
      this.dataSource.manager,
      // One UPDATE: a second claimer of the same batch (a duplicate job) waits for the row locks,
      // then re-checks the lease and takes nothing.
      `UPDATE notice_delivery
          SET status = CASE WHEN attempts >= $5 THEN 'failed' ELSE 'pending' END,
              response = CASE WHEN attempts >= $5
                              THEN 'gave up after ' || attempts || ' temporary failures: ' || coalesce(response, '')
                              ELSE response END,
              lease_until = CASE WHEN attempts >= $5 THEN NULL ELSE now() + make_interval(secs => $4) END,
              attempts = CASE WHEN attempts >= $5 THEN attempts ELSE attempts + 1 END,
              updated_at = now()
        WHERE notice_id = $1 AND language = $2 AND batch_no = $3 AND status = 'pending'
          AND (lease_until IS NULL OR lease_until < now())
        RETURNING recipient, status`,
      [job.noticeId, job.language, job.batchNo, this.config.NOTICE_LEASE_SECONDS, MAX_DELIVERY_ATTEMPTS],
    );
    return rows.filter((row) => row.status === 'pending').map((row) => row.recipient);
  }

  /** Every recipient's reply on its row, and permanent refusals into the quarantine: one statement. */
  private async record({ noticeId, language, batchNo }: SendBatchJob, results: RecipientResult[]) {
    const outcomes = results.map((result) => deliveryOutcome(result.code, result.accepted));
    await this.dataSource.query(
      `WITH r AS (SELECT * FROM unnest($2::text[], $3::text[], $4::text[]) AS r(recipient, outcome, response)),
       updated AS (
         UPDATE notice_delivery d
            SET status = CASE WHEN r.outcome = 'retry' THEN 'pending' ELSE r.outcome END,
                sent_at = CASE WHEN r.outcome = 'sent' THEN now() END,
                lease_until = NULL, updated_at = now(), response = r.response
            FROM r
          -- Naming the batch keeps the plan on the batch index even before the table has statistics.
          WHERE d.notice_id = $1 AND d.language = $5 AND d.batch_no = $6 AND d.recipient = r.recipient
            AND d.status = 'pending'
         RETURNING d.recipient),
       quarantined AS (
         INSERT INTO mail_quarantine (email, reason, notice_id, quarantined_at)
         SELECT r.recipient, coalesce(r.response, 'permanent failure'), $1, now() FROM r WHERE r.outcome = 'failed'
         ON CONFLICT (email) DO NOTHING RETURNING email)
       SELECT (SELECT count(*) FROM updated)::int AS updated, (SELECT count(*) FROM quarantined)::int AS quarantined`,
      [
        noticeId,
        results.map((result) => result.address),
        outcomes,
        results.map((result) => result.response ?? null),
        language,
        batchNo,
      ],
    );
    const count = (outcome: DeliveryOutcome) => outcomes.filter((o) => o === outcome).length;
    const tally = { sent: count('sent'), failed: count('failed'), deferred: count('retry') };
    this.metrics.noticeDeliveries.inc({ outcome: 'sent' }, tally.sent);
    this.metrics.noticeDeliveries.inc({ outcome: 'failed' }, tally.failed);
    this.metrics.noticeDeliveries.inc({ outcome: 'deferred' }, tally.deferred);
    if (tally.failed > 0) this.logger.warn({ noticeId, failed: tally.failed }, 'notice recipients refused permanently');
    return tally;
  }

  /** A notice's content never changes once written: each process reads it once. */
  private async content(noticeId: string): Promise<NoticeContent> {
    let content = this.contents.get(noticeId);
    if (!content) {
      const [row] = (await this.dataSource.query(`SELECT content FROM notice WHERE id = $1`, [noticeId])) as Array<{
        content: NoticeContent | string;
      }>;
      content = typeof row!.content === 'string' ? (JSON.parse(row!.content) as NoticeContent) : row!.content;
      if (this.contents.size >= 100) this.contents.delete(this.contents.keys().next().value!);
      this.contents.set(noticeId, content);
    }
    return content;
  }
}
