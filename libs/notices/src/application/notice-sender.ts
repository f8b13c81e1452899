import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AppConfig } from '@madoguchi/config';
import { MailService, recipientRefusalsOf, type RecipientResult } from '@madoguchi/mail';
import { Metrics } from '@madoguchi/observability';

import { deliveryOutcome, MAX_DELIVERY_ATTEMPTS } from '../domain/delivery-outcome';
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
    await this.giveUpOnExhausted(job);
    const claimed = await changedRows<{ recipient: string }>(
      this.dataSource.manager,
      `UPDATE notice_delivery SET lease_until = now() + make_interval(secs => $4), attempts = attempts + 1, updated_at = now()
        WHERE notice_id = $1 AND language = $2 AND batch_no = $3 AND status = 'pending'
          AND (lease_until IS NULL OR lease_until < now())
        RETURNING recipient`,
      [job.noticeId, job.language, job.batchNo, this.config.NOTICE_LEASE_SECONDS],
    );
    if (claimed.length === 0) return { claimed: 0, sent: 0, failed: 0, deferred: 0 };
    const recipients = claimed.map((row) => row.recipient);
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
    const outcome = await this.record(job.noticeId, results);
    if (outcome.deferred > 0) throw new DeferredDeliveriesError(outcome.deferred);
    return { claimed: claimed.length, ...outcome };
  }

  private async record(noticeId: string, results: RecipientResult[]) {
    const groups = { sent: [] as RecipientResult[], failed: [] as RecipientResult[], retry: [] as RecipientResult[] };
    for (const result of results) groups[deliveryOutcome(result.code, result.accepted)].push(result);
    const addresses = (list: RecipientResult[]) => list.map((result) => result.address);
    const responses = (list: RecipientResult[]) => list.map((result) => result.response ?? null);
    await this.dataSource.transaction(async (manager) => {
      if (groups.sent.length > 0)
        await manager.query(
          `UPDATE notice_delivery d SET status = 'sent', sent_at = now(), lease_until = NULL, updated_at = now(),
                  response = r.response
             FROM unnest($2::text[], $3::text[]) AS r(recipient, response)
            WHERE d.notice_id = $1 AND d.recipient = r.recipient AND d.status = 'pending'`,
          [noticeId, addresses(groups.sent), responses(groups.sent)],
        );
      if (groups.failed.length > 0) {
        await manager.query(
          `UPDATE notice_delivery d SET status = 'failed', lease_until = NULL, updated_at = now(), response = r.response
             FROM unnest($2::text[], $3::text[]) AS r(recipient, response)
            WHERE d.notice_id = $1 AND d.recipient = r.recipient AND d.status = 'pending'`,
          [noticeId, addresses(groups.failed), responses(groups.failed)],
        );
        await manager.query(
          `INSERT INTO mail_quarantine (email, reason, notice_id, quarantined_at)
           SELECT r.email, coalesce(r.reason, 'permanent failure'), $1, now()
             FROM unnest($2::text[], $3::text[]) AS r(email, reason)
           ON CONFLICT (email) DO NOTHING`,
          [noticeId, addresses(groups.failed), responses(groups.failed)],
        );
      }
      if (groups.retry.length > 0)
        await manager.query(
          `UPDATE notice_delivery d SET lease_until = NULL, updated_at = now(), response = r.response
             FROM unnest($2::text[], $3::text[]) AS r(recipient, response)
            WHERE d.notice_id = $1 AND d.recipient = r.recipient AND d.status = 'pending'`,
          [noticeId, addresses(groups.retry), responses(groups.retry)],
        );
    });
    this.metrics.noticeDeliveries.inc({ outcome: 'sent' }, groups.sent.length);
    this.metrics.noticeDeliveries.inc({ outcome: 'failed' }, groups.failed.length);
    this.metrics.noticeDeliveries.inc({ outcome: 'deferred' }, groups.retry.length);
    if (groups.failed.length > 0)
      this.logger.warn({ noticeId, failed: groups.failed.length }, 'notice recipients refused permanently');
    return { sent: groups.sent.length, failed: groups.failed.length, deferred: groups.retry.length };
  }

  /** Rows that failed temporarily MAX_DELIVERY_ATTEMPTS times are given up (failed, not quarantined). */
  private async giveUpOnExhausted(job: SendBatchJob): Promise<void> {
    await this.dataSource.query(
      `UPDATE notice_delivery SET status = 'failed', updated_at = now(),
              response = 'gave up after ' || attempts || ' temporary failures: ' || coalesce(response, '')
        WHERE notice_id = $1 AND language = $2 AND batch_no = $3 AND status = 'pending' AND attempts >= $4
          AND (lease_until IS NULL OR lease_until < now())`,
      [job.noticeId, job.language, job.batchNo, MAX_DELIVERY_ATTEMPTS],
    );
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
