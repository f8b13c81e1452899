import { randomUUID } from 'node:crypto';

import { Injectable, Logger } from '@nestjs/common';

import { settlesWithin } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import type { Transaction } from '@madoguchi/database';
import { QueueService } from '@madoguchi/queue';

import type { Audience } from '../domain/audience';
import type { NoticeContent } from '../domain/notice-content';
import type { NoticeEntity } from '../infrastructure/notice.entity';
import {
  type BatchRun,
  type DeliveryCounts,
  NoticeDeliveryRepository,
} from '../infrastructure/notice-delivery.repository';
import { NOTICE_DELIVERY_QUEUE, type SendBatchJob, sendBatchJobId } from './notices.queue';

const RELAY_CHUNK = 25;
/** How long a publication waits for its notice to be queued before it answers anyway. */
const RELAY_WAIT_MS = 1_000;

export interface NoticeDraft {
  kind: string;
  subjectType: NoticeEntity['subjectType'];
  subjectId: string;
  content: NoticeContent;
  audience: Audience;
}

/**
 * `failed`: refused for good (5xx; the address is quarantined). `gaveUp`: still failing temporarily
 * when the retry window closed; a manager can resend them.
 */
export type DeliveryProgress = DeliveryCounts;

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
export class NoticeOutboxService {
  private readonly logger = new Logger(NoticeOutboxService.name);

  constructor(
    private readonly deliveries: NoticeDeliveryRepository,
    private readonly queue: QueueService,
    private readonly config: AppConfig,
  ) {}

  /** Notice batches of the last 30 days not yet finished, and how long the oldest notice among them has waited. */
  backlog(): Promise<{ batches: number; oldestAgeSeconds: number }> {
    return this.deliveries.backlog();
  }

  /** How many addresses a notice to `audience` would go to now. */
  countRecipients(transaction: Transaction, audience: Audience): Promise<number> {
    return this.deliveries.countRecipients(transaction, audience);
  }

  /** Inside the caller's transaction: the notice and its recipients' delivery rows; its id. */
  async write(transaction: Transaction, draft: NoticeDraft, now: number): Promise<string> {
    const id = randomUUID();
    await this.deliveries.insert(
      transaction,
      { id, ...draft, createdAt: new Date(now) },
      this.config.NOTICE_BATCH_SIZE,
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
    await settlesWithin(relayed, RELAY_WAIT_MS);
  }

  /**
   * Queues a notice's due batches (after its transaction committed); each batch records when
   * (`queued_at`). Job ids carry the `round`: a resend needs a new one, as the first jobs' ids are
   * still known to the queue.
   */
  async relay(noticeId: string, round = 0): Promise<number> {
    const runs = await this.deliveries.queueDue(noticeId, this.config.NOTICE_BATCHES_PER_JOB);
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
    const runs = await this.deliveries.queueDueWithoutJob(this.config.NOTICE_BATCHES_PER_JOB);
    await this.queueRuns(runs, Date.now());
    if (runs.length > 0) this.logger.warn({ requeued: runs.length }, 'notice batches queued again');
    return { requeued: runs.length };
  }

  /**
   * One job per run of NOTICE_BATCHES_PER_JOB batches (a job claims and records its run in one
   * statement each); one round trip to the queue per RELAY_CHUNK jobs, so senders start on the
   * first jobs while the rest are still being queued.
   */
  private async queueRuns(runs: BatchRun[], round: number): Promise<void> {
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
  async resendGivenUp(transaction: Transaction, noticeIds: string[]): Promise<number> {
    return noticeIds.length === 0 ? 0 : this.deliveries.reopenGivenUp(transaction, noticeIds);
  }

  async progress(noticeIds: string[]): Promise<DeliveryProgress> {
    return sumProgress(noticeIds, await this.progressByNotice(noticeIds));
  }

  /** Each notice's delivery counts in one query (notices without rows are absent). */
  async progressByNotice(noticeIds: string[]): Promise<Map<string, DeliveryProgress>> {
    return noticeIds.length === 0 ? new Map() : this.deliveries.countsByNotice(noticeIds);
  }
}
