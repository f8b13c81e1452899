import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { managerOf, type Transaction } from '@madoguchi/database';
import { type DeliveryOutcome, DUE_WITHOUT_JOB } from '@madoguchi/mail';

import type { Audience } from '../domain/audience';
import type { NoticeContent } from '../domain/notice-content';
import type { NoticeEntity } from './notice.entity';
import { recipientsSql } from './recipients.sql';

/** A run of consecutive batches of one notice and language: what one `send-batch` job sends. */
export interface BatchRun {
  noticeId: string;
  language: 'ja' | 'en';
  /** The first batch of the run. */
  batchNo: number;
}

export interface NewNotice {
  id: string;
  kind: string;
  subjectType: NoticeEntity['subjectType'];
  subjectId: string;
  content: NoticeContent;
  audience: Audience;
  createdAt: Date;
}

export interface DeliveryCounts {
  total: number;
  sent: number;
  pending: number;
  failed: number;
  gaveUp: number;
}

/** One row per claimed batch and pending recipient (a batch given up, or without one left, has `recipient: null`). */
export interface ClaimedRow {
  batchNo: number;
  revision: number;
  attempts: number;
  retryStartedAt: Date;
  done: boolean;
  recipient: string | null;
  /** A status page subscriber's token: it gets a message of its own, with its one-click unsubscribe link. */
  unsubscribeToken: string | null;
  givenUp: number;
}

/** A claimed batch's lease: its number and the revision the claim left it at. */
export interface BatchLease {
  batchNo: number;
  revision: number;
}

/** What the server answered one recipient, as its row records it. */
export interface RecipientOutcome {
  address: string;
  outcome: DeliveryOutcome;
  response: string | null;
}

/**
 * Notices and their delivery ledger: the notice row, one delivery row per recipient, one lease
 * row per batch (`notice_batch`), and the statements that queue, claim, renew and record batches.
 * Each statement is one round trip and atomic on its own; the ones that take a transaction run
 * inside the caller's.
 */
@Injectable()
export class NoticeDeliveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Notice batches of the last 30 days not yet finished, and how long the oldest notice among them has waited. */
  async backlog(): Promise<{ batches: number; oldestAgeSeconds: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS batches,
              coalesce(extract(epoch FROM now() - min(n.created_at)), 0)::float8 AS "oldestAgeSeconds"
         FROM notice n JOIN notice_batch b ON b.notice_id = n.id AND NOT b.done
        WHERE n.created_at > now() - interval '30 days'`,
    )) as Array<{ batches: number; oldestAgeSeconds: number }>;
    return row!;
  }

  /**
   * The notice with one delivery row per recipient of its audience, numbered into batches of
   * `batchSize` per language, and a lease row per batch.
   */
  async insert(transaction: Transaction, notice: NewNotice, batchSize: number): Promise<void> {
    const manager = managerOf(transaction);
    await manager.query(
      `INSERT INTO notice (id, kind, subject_type, subject_id, content, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [notice.id, notice.kind, notice.subjectType, notice.subjectId, JSON.stringify(notice.content), notice.createdAt],
    );
    const recipients = recipientsSql(notice.audience, 3);
    // Sorting 100,000 addresses (dedupe, batches) in memory rather than in temporary files.
    await manager.query(`SET LOCAL work_mem = '64MB'`);
    // Batches hold one language (identical content) and consecutive addresses: a batch is a range of
    // the primary key. Numbering them with a running count per language over the addresses in key
    // order needs no sort beyond the one that removed duplicates, and the rows reach the index at its
    // right edge.
    await manager.query(
      `WITH inserted AS (
         INSERT INTO notice_delivery (notice_id, recipient, language, batch_no, updated_at, unsubscribe_token)
         SELECT $1, r.email, r.language,
                (CASE WHEN r.language = 'en' THEN count(*) FILTER (WHERE r.language = 'en') OVER running
                      ELSE count(*) FILTER (WHERE r.language <> 'en') OVER running END - 1) / $2,
                now(), r.unsubscribe_token
           FROM (${recipients.sql}) r
         WINDOW running AS (ORDER BY r.email ROWS UNBOUNDED PRECEDING)
         RETURNING recipient, language, batch_no),
       batches AS (
         INSERT INTO notice_batch (notice_id, language, batch_no, first_recipient, last_recipient)
         SELECT $1::uuid, language, batch_no, min(recipient), max(recipient) FROM inserted GROUP BY language, batch_no)
       UPDATE notice SET total = (SELECT count(*) FROM inserted) WHERE id = $1`,
      [notice.id, batchSize, ...recipients.parameters],
    );
  }

  /** How many addresses a notice to `audience` would go to now (what a preview tells the manager). */
  async countRecipients(transaction: Transaction, audience: Audience): Promise<number> {
    const recipients = recipientsSql(audience, 1);
    const [row] = (await managerOf(transaction).query(
      `SELECT count(*)::int AS count FROM (${recipients.sql}) r`,
      recipients.parameters,
    )) as Array<{ count: number }>;
    return row!.count;
  }

  /** Marks the notice's due, unfinished batches queued; their runs of `batchesPerJob`. */
  async queueDue(noticeId: string, batchesPerJob: number): Promise<BatchRun[]> {
    return (await this.dataSource.query(
      `WITH queued AS (
         UPDATE notice_batch SET queued_at = now()
          WHERE notice_id = $1 AND NOT done AND next_attempt_at <= now()
         RETURNING language, batch_no)
       SELECT DISTINCT language, (batch_no / $2) * $2 AS "batchNo", $1::uuid AS "noticeId" FROM queued ORDER BY 1, 2`,
      [noticeId, batchesPerJob],
    )) as BatchRun[];
  }

  /**
   * Marks queued every unfinished, unleased batch of the last 30 days that is due and has had no
   * job since it fell due; their runs of `batchesPerJob`.
   */
  async queueDueWithoutJob(batchesPerJob: number): Promise<BatchRun[]> {
    return (await this.dataSource.query(
      `WITH queued AS (
         UPDATE notice_batch SET queued_at = now()
          WHERE notice_id IN (SELECT id FROM notice WHERE created_at > now() - interval '30 days')
            AND NOT done AND ${DUE_WITHOUT_JOB}
         RETURNING notice_id, language, batch_no)
       SELECT DISTINCT notice_id AS "noticeId", language, (batch_no / $1) * $1 AS "batchNo" FROM queued ORDER BY 1, 2, 3`,
      [batchesPerJob],
    )) as BatchRun[];
  }

  /** The notices' given-up recipients pending again, their batches in a fresh retry window; how many. */
  async reopenGivenUp(transaction: Transaction, noticeIds: string[]): Promise<number> {
    const [row] = (await managerOf(transaction).query(
      `WITH reopened AS (
         UPDATE notice_delivery SET status = 'pending', updated_at = now()
          WHERE notice_id = ANY($1::uuid[]) AND status = 'gave_up'
         RETURNING notice_id, language, batch_no),
       batches AS (
         UPDATE notice_batch b
            SET done = false, attempts = 0, next_attempt_at = now(), retry_started_at = now(), queued_at = NULL,
                revision = b.revision + 1, updated_at = now()
           FROM (SELECT DISTINCT notice_id, language, batch_no FROM reopened) r
          WHERE b.notice_id = r.notice_id AND b.language = r.language AND b.batch_no = r.batch_no)
       SELECT count(*)::int AS resent FROM reopened`,
      [noticeIds],
    )) as Array<{ resent: number }>;
    return row!.resent;
  }

  /** Each notice's delivery counts in one query (notices without rows are absent). */
  async countsByNotice(noticeIds: string[]): Promise<Map<string, DeliveryCounts>> {
    const rows = (await this.dataSource.query(
      `SELECT notice_id, count(*)::int AS total,
              count(*) FILTER (WHERE status = 'sent')::int AS sent,
              count(*) FILTER (WHERE status = 'pending')::int AS pending,
              count(*) FILTER (WHERE status = 'failed')::int AS failed,
              count(*) FILTER (WHERE status = 'gave_up')::int AS "gaveUp"
         FROM notice_delivery WHERE notice_id = ANY($1::uuid[]) GROUP BY notice_id`,
      [noticeIds],
    )) as Array<DeliveryCounts & { notice_id: string }>;
    return new Map(rows.map(({ notice_id, ...counts }) => [notice_id, counts]));
  }

  /**
   * Leases the run's due, unfinished batches and reads their pending recipients: one statement. A
   * batch whose retry window (`giveUpHours` from its first try) has closed is given up instead: its
   * pending recipients become `gave_up`.
   */
  async claim(run: BatchRun, runLength: number, leaseSeconds: number, giveUpHours: number): Promise<ClaimedRow[]> {
    return (await this.dataSource.query(
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
              run.done, d.recipient, d.unsubscribe_token AS "unsubscribeToken",
              (SELECT count(*) FROM given_up)::int AS "givenUp"
         FROM run LEFT JOIN notice_delivery d
           ON NOT run.done AND d.notice_id = $1 AND d.recipient BETWEEN run.first_recipient AND run.last_recipient
          AND d.language = $2 AND d.batch_no = run.batch_no AND d.status = 'pending'`,
      [run.noticeId, run.language, run.batchNo, runLength, leaseSeconds, giveUpHours],
    )) as ClaimedRow[];
  }

  /** Extends the leases the caller still holds (same revision) by `leaseSeconds` from now. */
  async renewLeases(run: BatchRun, leases: BatchLease[], leaseSeconds: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE notice_batch b SET lease_until = now() + make_interval(secs => $5)
             FROM unnest($3::int[], $4::int[]) AS c(batch_no, revision)
            WHERE b.notice_id = $1 AND b.language = $2 AND b.batch_no = c.batch_no AND b.revision = c.revision`,
      [
        run.noticeId,
        run.language,
        leases.map((lease) => lease.batchNo),
        leases.map((lease) => lease.revision),
        leaseSeconds,
      ],
    );
  }

  /**
   * Every recipient's outcome on its row, the batches' leases released with their next try (done
   * when no recipient is left to retry), and permanent refusals into the quarantine: one statement.
   */
  async record(
    run: BatchRun,
    runLength: number,
    outcomes: RecipientOutcome[],
    leases: Array<BatchLease & { nextAttemptAt: Date }>,
  ): Promise<void> {
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
        run.noticeId,
        outcomes.map((outcome) => outcome.address),
        outcomes.map((outcome) => outcome.outcome),
        outcomes.map((outcome) => outcome.response),
        run.language,
        run.batchNo,
        runLength,
        leases.map((lease) => lease.batchNo),
        leases.map((lease) => lease.revision),
        leases.map((lease) => lease.nextAttemptAt),
      ],
    );
  }

  async content(noticeId: string): Promise<NoticeContent> {
    const [row] = (await this.dataSource.query(`SELECT content FROM notice WHERE id = $1`, [noticeId])) as Array<{
      content: NoticeContent | string;
    }>;
    return typeof row!.content === 'string' ? (JSON.parse(row!.content) as NoticeContent) : row!.content;
  }
}
