import { randomUUID } from 'node:crypto';

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { AppConfig } from '@madoguchi/config';
import { DUE_WITHOUT_JOB } from '@madoguchi/mail';
import { QueueService } from '@madoguchi/queue';

import type { NoticeContent } from '../domain/notice-content';
import type { NoticeEntity } from '../infrastructure/notice.entity';
import { NOTICE_DELIVERY_QUEUE, type SendBatchJob, sendBatchJobId } from './notices.queue';
import { type Audience, recipientsSql } from './subscribers';

const RELAY_CHUNK = 25;
/** How long a publication waits for its notice to be queued before it answers anyway. */
const RELAY_WAIT_MS = 1_000;

type Run = Pick<SendBatchJob, 'noticeId' | 'language' | 'batchNo'>;

export interface NoticeDraft {
  kind: string;
  subjectType: NoticeEntity['subjectType'];
  subjectId: string;
  content: NoticeContent;
  audience: Audience;
}

export interface DeliveryProgress {
  total: number;
  sent: number;
  pending: number;
  /** Refused for good (5xx; the address is quarantined). */
  failed: number;
  /** Still failing temporarily when the retry window closed; a manager can resend them. */
  gaveUp: number;
}

/** The delivery counts of several notices together (one incident's updates, say). */
export function sumProgress(noticeIds: string[], byNotice: Map<string, DeliveryProgress>): DeliveryProgress {
  const total: DeliveryProgress = { total: 0, sent: 0, pending: 0, failed: 0, gaveUp: 0 };
  for (const id of noticeIds) {
    const counts = byNotice.get(id);
    if (!counts) continue;
    total.total += counts.total;
    total.sent += counts.sent;
    total.pending += counts.pending;
    total.failed += counts.failed;
    total.gaveUp += counts.gaveUp;
  }
  return total;
}

/**
 * The transactional outbox of notice e-mail. `write` runs inside the caller's transaction and
 * stores the notice with one delivery row per recipient (UNIQUE(notice, recipient)), so a notice
 * exists exactly when its recipient list does (and one lease row per batch). `relay` then queues
 * one job per run of batches; `reconcile` queues retries when they fall due and repairs what a
 * crash or a lost queue left behind. Jobs only point at rows: running one twice sends nothing twice.
 */
@Injectable()
export class NoticeOutbox {
  private readonly logger = new Logger(NoticeOutbox.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: QueueService,
    private readonly config: AppConfig,
  ) {}

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

  async write(manager: EntityManager, draft: NoticeDraft, now: number): Promise<string> {
    const id = randomUUID();
    await manager.query(
      `INSERT INTO notice (id, kind, subject_type, subject_id, content, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, draft.kind, draft.subjectType, draft.subjectId, JSON.stringify(draft.content), new Date(now)],
    );
    const recipients = recipientsSql(draft.audience, 3);
    // Sorting 100,000 addresses (dedupe, batches) in memory rather than in temporary files.
    await manager.query(`SET LOCAL work_mem = '64MB'`);
    // Batches hold one language (identical content) and consecutive addresses: a batch is a range of
    // the primary key. Numbering them with a running count per language over the addresses in key
    // order needs no sort beyond the one that removed duplicates, and the rows reach the index at its
    // right edge.
    await manager.query(
      `WITH inserted AS (
         INSERT INTO notice_delivery (notice_id, recipient, language, batch_no, updated_at)
         SELECT $1, r.email, r.language,
                (CASE WHEN r.language = 'en' THEN count(*) FILTER (WHERE r.language = 'en') OVER running
                      ELSE count(*) FILTER (WHERE r.language <> 'en') OVER running END - 1) / $2,
                now()
           FROM (${recipients.sql}) r
         WINDOW running AS (ORDER BY r.email ROWS UNBOUNDED PRECEDING)
         RETURNING recipient, language, batch_no),
       batches AS (
         INSERT INTO notice_batch (notice_id, language, batch_no, first_recipient, last_recipient)
         SELECT $1::uuid, language, batch_no, min(recipient), max(recipient) FROM inserted GROUP BY language, batch_no)
       UPDATE notice SET total = (SELECT count(*) FROM inserted) WHERE id = $1`,
      [id, this.batchSize, ...recipients.parameters],
    );
    return id;
  }

  /**
   * Queues notices' due batches (`relay`) right after their transaction committed, waiting for the queue at
   * most RELAY_WAIT_MS: a queue that is down (Redis away) must not hold up a publication, and
   * whatever is not queued then, the reconciler queues within a tick.
   */
  async relayPromptly(noticeIds: string[], round = 0): Promise<void> {
    const relayed = Promise.all(
      noticeIds.map((noticeId) =>
        this.relay(noticeId, round).catch((error: Error) =>
          this.logger.warn({ noticeId, error: error.message }, 'notice relay failed; the reconciler will retry'),
        ),
      ),
    );
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, RELAY_WAIT_MS)));
    await Promise.race([relayed, waited]);
    clearTimeout(timer);
  }

  /**
   * Queues a notice's due batches (after its transaction committed); each batch records when
   * (`queued_at`). Job ids carry the `round`: a resend needs a new one, as the first jobs' ids are
   * still known to the queue.
   */
  async relay(noticeId: string, round = 0): Promise<number> {
    const runs = (await this.dataSource.query(
      `WITH queued AS (
         UPDATE notice_batch SET queued_at = now()
          WHERE notice_id = $1 AND NOT done AND next_attempt_at <= now()
         RETURNING language, batch_no)
       SELECT DISTINCT language, (batch_no / $2) * $2 AS "batchNo", $1::uuid AS "noticeId" FROM queued ORDER BY 1, 2`,
      [noticeId, this.config.NOTICE_BATCHES_PER_JOB],
    )) as Run[];
    await this.queueRuns(runs, round);
    return runs.length;
  }

  /**
   * The retry schedule and the safety net, run every tick: queues every unfinished, unleased batch
   * that is due and has no job since it fell due — a temporary failure's next try, a notice whose
   * relay never happened (the process died after the commit), a job lost with Redis (queued
   * JOB_LOST_AFTER_SECONDS ago and not taken), a killed worker's batch (its lease ran out).
   */
  async reconcile(): Promise<{ requeued: number }> {
    const runs = (await this.dataSource.query(
      `WITH queued AS (
         UPDATE notice_batch SET queued_at = now()
          WHERE notice_id IN (SELECT id FROM notice WHERE created_at > now() - interval '30 days')
            AND NOT done AND ${DUE_WITHOUT_JOB}
         RETURNING notice_id, language, batch_no)
       SELECT DISTINCT notice_id AS "noticeId", language, (batch_no / $1) * $1 AS "batchNo" FROM queued ORDER BY 1, 2, 3`,
      [this.config.NOTICE_BATCHES_PER_JOB],
    )) as Run[];
    await this.queueRuns(runs, Date.now());
    if (runs.length > 0) this.logger.warn({ requeued: runs.length }, 'notice batches queued again');
    return { requeued: runs.length };
  }

  /**
   * One job per run of NOTICE_BATCHES_PER_JOB batches (a job claims and records its run in one
   * statement each); one round trip to the queue per RELAY_CHUNK jobs, so senders start on the
   * first jobs while the rest are still being queued.
   */
  private async queueRuns(runs: Run[], round: number): Promise<void> {
    const batches = this.config.NOTICE_BATCHES_PER_JOB;
    for (let start = 0; start < runs.length; start += RELAY_CHUNK) {
      await this.queue.addBulk(
        NOTICE_DELIVERY_QUEUE,
        'send-batch',
        runs.slice(start, start + RELAY_CHUNK).map((run) => {
          const job: SendBatchJob = { noticeId: run.noticeId, language: run.language, batchNo: run.batchNo, batches };
          return { data: job, options: { jobId: sendBatchJobId(job, round) } };
        }),
      );
    }
  }

  /**
   * Inside the caller's transaction: the notices' given-up recipients are pending again, and their
   * batches start a fresh retry window now; the caller relays them after the commit. Returns how many.
   */
  async resendGivenUp(manager: EntityManager, noticeIds: string[]): Promise<number> {
    if (noticeIds.length === 0) return 0;
    const [row] = (await manager.query(
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

  async progress(noticeIds: string[]): Promise<DeliveryProgress> {
    return sumProgress(noticeIds, await this.progressByNotice(noticeIds));
  }

  /** Each notice's delivery counts in one query (notices without rows are absent). */
  async progressByNotice(noticeIds: string[]): Promise<Map<string, DeliveryProgress>> {
    if (noticeIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT notice_id, count(*)::int AS total,
              count(*) FILTER (WHERE status = 'sent')::int AS sent,
              count(*) FILTER (WHERE status = 'pending')::int AS pending,
              count(*) FILTER (WHERE status = 'failed')::int AS failed,
              count(*) FILTER (WHERE status = 'gave_up')::int AS "gaveUp"
         FROM notice_delivery WHERE notice_id = ANY($1::uuid[]) GROUP BY notice_id`,
      [noticeIds],
    )) as Array<DeliveryProgress & { notice_id: string }>;
    return new Map(rows.map(({ notice_id, ...counts }) => [notice_id, counts]));
  }

  private get batchSize(): number {
    return this.config.NOTICE_BATCH_SIZE;
  }
}
