import { randomUUID } from 'node:crypto';

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { AppConfig } from '@madoguchi/config';
import { QueueService } from '@madoguchi/queue';

import type { NoticeContent } from '../domain/notice-content';
import type { NoticeEntity } from '../infrastructure/notice.entity';
import { changedRows } from '../infrastructure/sql';
import { NOTICE_DELIVERY_QUEUE, type SendBatchJob, sendBatchJobId } from './notices.queue';
import { type Audience, recipientsSql } from './subscribers';

const RELAY_CHUNK = 25;

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
  failed: number;
}

/** The delivery counts of several notices together (one incident's updates, say). */
export function sumProgress(noticeIds: string[], byNotice: Map<string, DeliveryProgress>): DeliveryProgress {
  const total: DeliveryProgress = { total: 0, sent: 0, pending: 0, failed: 0 };
  for (const id of noticeIds) {
    const counts = byNotice.get(id);
    if (!counts) continue;
    total.total += counts.total;
    total.sent += counts.sent;
    total.pending += counts.pending;
    total.failed += counts.failed;
  }
  return total;
}

/**
 * The transactional outbox of notice e-mail. `write` runs inside the caller's transaction and
 * stores the notice with one delivery row per recipient (UNIQUE(notice, recipient)), so a notice
 * exists exactly when its recipient list does (and one lease row per batch). `relay` then queues
 * one job per run of batches; `reconcile`
 * repairs what a crash or a lost queue left behind. Jobs only point at rows: running one twice
 * sends nothing twice.
 */
@Injectable()
export class NoticeOutbox {
  private readonly logger = new Logger(NoticeOutbox.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: QueueService,
    private readonly config: AppConfig,
  ) {}

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

  /** Queues a notice's pending batches (after its transaction committed) and marks it relayed. */
  async relay(noticeId: string, round = 0): Promise<number> {
    // Runs of NOTICE_BATCHES_PER_JOB batches: a job claims and records its run in one statement each.
    const batches = this.config.NOTICE_BATCHES_PER_JOB;
    const runs = (await this.dataSource.query(
      `SELECT DISTINCT language, (batch_no / $2) * $2 AS "batchNo" FROM notice_batch
        WHERE notice_id = $1 AND NOT done ORDER BY 1, 2`,
      [noticeId, batches],
    )) as Array<Pick<SendBatchJob, 'language' | 'batchNo'>>;
    // One round trip to the queue per RELAY_CHUNK jobs: small enough that senders start on the
    // first jobs while the rest are still being queued.
    for (let start = 0; start < runs.length; start += RELAY_CHUNK) {
      await this.queue.addBulk(
        NOTICE_DELIVERY_QUEUE,
        'send-batch',
        runs.slice(start, start + RELAY_CHUNK).map((run) => {
          const job = { noticeId, ...run, batches };
          return { data: job, options: { jobId: sendBatchJobId(job, round) } };
        }),
      );
    }
    await this.dataSource.query(`UPDATE notice SET relayed_at = now() WHERE id = $1 AND relayed_at IS NULL`, [
      noticeId,
    ]);
    return runs.length;
  }

  /**
   * The safety net, run periodically: relays notices whose relay never happened (the process died
   * after the commit) and re-queues unfinished batches with no live job: unleased (or the lease ran
   * out) and untouched for a lease's length (Redis flushed, a worker killed).
   */
  async reconcile(): Promise<{ relayed: number; requeued: number }> {
    const unrelayed = (await this.dataSource.query(
      `SELECT id FROM notice WHERE relayed_at IS NULL AND created_at < now() - interval '30 seconds'`,
    )) as Array<{ id: string }>;
    for (const { id } of unrelayed) await this.relay(id);
    const stale = await changedRows<{ notice_id: string }>(
      this.dataSource.manager,
      `UPDATE notice_batch SET updated_at = now()
        WHERE notice_id IN (SELECT id FROM notice WHERE created_at > now() - interval '14 days')
          AND NOT done AND (lease_until IS NULL OR lease_until < now())
          AND updated_at < now() - make_interval(secs => $1)
        RETURNING notice_id`,
      [this.config.NOTICE_LEASE_SECONDS],
    );
    const notices = [...new Set(stale.map((row) => row.notice_id))];
    let requeued = 0;
    for (const id of notices) requeued += await this.relay(id, Date.now());
    if (unrelayed.length + requeued > 0)
      this.logger.warn({ relayed: unrelayed.length, requeued }, 'notice outbox reconciled');
    return { relayed: unrelayed.length, requeued };
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
              count(*) FILTER (WHERE status = 'failed')::int AS failed
         FROM notice_delivery WHERE notice_id = ANY($1::uuid[]) GROUP BY notice_id`,
      [noticeIds],
    )) as Array<DeliveryProgress & { notice_id: string }>;
    return new Map(rows.map(({ notice_id, ...counts }) => [notice_id, counts]));
  }

  private get batchSize(): number {
    return this.config.NOTICE_BATCH_SIZE;
  }
}
