import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

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
} from '@madoguchi/mail';
import { Metrics } from '@madoguchi/observability';

import type { NoticeContent } from '../domain/notice-content';
import { runLength, type SendBatchJob } from './notices.queue';

/** A leased batch: its lease's revision (to release only our own lease), its tries so far and its pending recipients. */
interface ClaimedBatch {
  batchNo: number;
  revision: number;
  attempts: number;
  retryStartedAt: Date;
  recipients: string[];
}

export interface BatchResult {
  claimed: number;
  sent: number;
  failed: number;
  deferred: number;
}

/**
 * Sends one job's run of batches: claims the run's due, pending rows with a lease (one statement),
 * sends each batch as one message to all its recipients (one RCPT each, a stable Message-ID; the
 * batches in parallel over the pool, a batch refused as a whole split until the refusal is pinned
 * on its recipients), keeps the lease alive while a transaction runs, and records each
 * recipient's reply on its row (one statement): sent; 5xx → failed and the address quarantined;
 * 4xx or no reply → pending, and the batch is tried again on the retry schedule, not by the job.
 */
@Injectable()
export class NoticeSender {
  private readonly logger = new Logger(NoticeSender.name);
  private readonly contents = new Map<string, NoticeContent>();
  private readonly schedule: RetrySchedule;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const sending = batches.filter((batch) => batch.recipients.length > 0);
    const stopRenewing = this.keepLeases(job, batches);
    let results: RecipientResult[];
    try {
      results = (await Promise.all(sending.map((batch) => this.sendOne(job, content, batch.recipients)))).flat();
    } finally {
      stopRenewing();
    }
    const outcome = await this.record(job, batches, results);
    return { claimed: results.length, ...outcome };
  }

  private sendOne(job: SendBatchJob, content: NoticeContent, recipients: string[]): Promise<RecipientResult[]> {
    const localized = content[job.language];
    return this.mail.deliver({
      to: recipients,
      displayTo: this.config.MAIL_FROM,
      subject: localized.subject,
      text: localized.text,
      html: localized.html,
      messageId: `notice.${job.noticeId}.${job.language}@${new URL(this.config.PUBLIC_BASE_URL).hostname}`,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Madoguchi-Notice': job.noticeId },
      attachments: content.attachments,
    });
  }

  /**
   * Renews the run's leases every third of their length while its transactions run, so a slow
   * server never lets another sender take (and send again) a batch this one is still sending.
   */
  private keepLeases(job: SendBatchJob, batches: ClaimedBatch[]): () => void {
    return keepLeaseAlive(
      this.config.NOTICE_LEASE_SECONDS,
      () =>
        this.dataSource.query(
          `UPDATE notice_batch b SET lease_until = now() + make_interval(secs => $5)
             FROM unnest($3::int[], $4::int[]) AS c(batch_no, revision)
            WHERE b.notice_id = $1 AND b.language = $2 AND b.batch_no = c.batch_no AND b.revision = c.revision`,
          [
            job.noticeId,
            job.language,
            batches.map((batch) => batch.batchNo),
            batches.map((batch) => batch.revision),
            this.config.NOTICE_LEASE_SECONDS,
          ],
        ),
      this.logger,
      { noticeId: job.noticeId },
    );
  }

  /**
   * Leases the run's due, unfinished batches and reads their pending recipients: one statement. A
   * batch still failing when its retry window (MAIL_GIVE_UP_HOURS) has closed is given up instead:
   * its pending recipients become `gave_up` (not quarantined: the addresses may be fine), for an
   * manager to see and resend.
   */
  private async claim(job: SendBatchJob): Promise<ClaimedBatch[]> {
    const rows = (await this.dataSource.query(
      `WITH seen AS (
         SELECT batch_no, revision, retry_started_at + make_interval(hours => $6) <= now() AS expired
           FROM notice_batch
          WHERE notice_id = $1 AND language = $2 AND batch_no >= $3 AND batch_no < $3 + $4 AND NOT done
            AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())),
       run AS (
         UPDATE notice_batch b
            SET revision = b.revision + 1, updated_at = now(), done = seen.expired,
                attempts = CASE WHEN seen.expired THEN b.attempts ELSE b.attempts + 1 END,
                lease_until = CASE WHEN seen.expired THEN NULL ELSE now() + make_interval(secs => $5) END
           FROM seen
          WHERE b.notice_id = $1 AND b.language = $2 AND b.batch_no >= $3 AND b.batch_no < $3 + $4
            AND b.batch_no = seen.batch_no
            -- Unchanged since this statement's snapshot, which the recipients below are read from: a
            -- batch another sender claimed or recorded meanwhile (a duplicate job) is left to it.
            AND b.revision = seen.revision
         RETURNING b.batch_no, b.revision, b.done, b.attempts, b.retry_started_at, b.first_recipient, b.last_recipient),
       given_up AS (
         UPDATE notice_delivery d
            SET status = 'gave_up', updated_at = now(),
                response = 'gave up after ' || run.attempts || ' tries: ' || coalesce(d.response, '')
           FROM run
          WHERE run.done AND d.notice_id = $1 AND d.recipient BETWEEN run.first_recipient AND run.last_recipient
            AND d.language = $2 AND d.batch_no = run.batch_no AND d.status = 'pending'
         RETURNING 1)
       SELECT run.batch_no AS "batchNo", run.revision, run.attempts, run.retry_started_at AS "retryStartedAt",
              run.done, d.recipient, (SELECT count(*) FROM given_up)::int AS "givenUp"
         FROM run LEFT JOIN notice_delivery d
           ON NOT run.done AND d.notice_id = $1 AND d.recipient BETWEEN run.first_recipient AND run.last_recipient
          AND d.language = $2 AND d.batch_no = run.batch_no AND d.status = 'pending'`,
      [
        job.noticeId,
        job.language,
        job.batchNo,
        runLength(job),
        this.config.NOTICE_LEASE_SECONDS,
        this.schedule.giveUpHours,
      ],
    )) as Array<{
      batchNo: number;
      revision: number;
      attempts: number;
      retryStartedAt: Date;
      done: boolean;
      recipient: string | null;
      givenUp: number;
    }>;
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
          }),
        );
      if (row.recipient !== null) batch.recipients.push(row.recipient);
    }
    return [...batches.values()];
  }

  /**
   * Every recipient's reply on its row, the batches' leases released with their next try (done when
   * no recipient is left to retry), and permanent refusals into the quarantine: one statement.
   */
  private async record(job: SendBatchJob, batches: ClaimedBatch[], results: RecipientResult[]) {
    const outcomes = results.map((result) => deliveryOutcome(result.code, result.accepted));
    const now = Date.now();
    // A try that falls due at the window's end is the claim that gives the batch up.
    const nextTries = batches.map(
      (batch) => new Date(nextAttemptAt(this.schedule, batch.attempts, batch.retryStartedAt.getTime(), now)),
    );
    await this.dataSource.query(
      `WITH r AS (
         SELECT recipient COLLATE "C" AS recipient, outcome, response
           FROM unnest($2::text[], $3::text[], $4::text[]) AS r(recipient, outcome, response)),
       updated AS (
         UPDATE notice_delivery d
            SET status = CASE WHEN r.outcome = 'retry' THEN 'pending' ELSE r.outcome END,
                sent_at = CASE WHEN r.outcome = 'sent' THEN now() END,
                updated_at = now(), response = r.response
            FROM r
          -- The recipients' key range keeps the plan on a short primary-key scan even before the table
          -- has statistics.
          WHERE d.notice_id = $1 AND d.recipient = r.recipient
            AND d.recipient BETWEEN (SELECT min(recipient) FROM r) AND (SELECT max(recipient) FROM r)
            AND d.language = $5 AND d.batch_no >= $6 AND d.batch_no < $6 + $7 AND d.status = 'pending'
         RETURNING d.batch_no, r.outcome),
       released AS (
         UPDATE notice_batch b
            SET lease_until = NULL, revision = b.revision + 1, updated_at = now(), next_attempt_at = c.next_attempt_at,
                done = NOT EXISTS (SELECT 1 FROM updated u WHERE u.batch_no = b.batch_no AND u.outcome = 'retry')
           FROM unnest($8::int[], $9::int[], $10::timestamptz[]) AS c(batch_no, revision, next_attempt_at)
          -- Still ours: a batch whose lease ran out and was claimed again belongs to that sender now.
          WHERE b.notice_id = $1 AND b.language = $5 AND b.batch_no >= $6 AND b.batch_no < $6 + $7
            AND b.batch_no = c.batch_no AND b.revision = c.revision),
       quarantined AS (
         INSERT INTO mail_quarantine (email, reason, notice_id, quarantined_at)
         SELECT r.recipient, coalesce(r.response, 'permanent failure'), $1, now() FROM r WHERE r.outcome = 'failed'
         ON CONFLICT (email) DO NOTHING RETURNING email)
       SELECT (SELECT count(*) FROM updated)::int AS updated, (SELECT count(*) FROM quarantined)::int AS quarantined`,
      [
        job.noticeId,
        results.map((result) => result.address),
        outcomes,
        results.map((result) => result.response ?? null),
        job.language,
        job.batchNo,
        runLength(job),
        batches.map((batch) => batch.batchNo),
        batches.map((batch) => batch.revision),
        nextTries,
      ],
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
