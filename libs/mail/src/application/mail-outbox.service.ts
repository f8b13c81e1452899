import { randomUUID } from 'node:crypto';

import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';

import { AppConfig } from '@madoguchi/config';
import { type AtomicStatement, type Transaction, UnitOfWork } from '@madoguchi/database';
import { Metrics } from '@madoguchi/observability';
import { QueueService } from '@madoguchi/queue';

import type { MailRoute, OutgoingMail } from '../domain/mail-message';
import {
  deliveryOutcome,
  type MailDeliveryStatus,
  nextAttemptAt,
  type RetrySchedule,
  retryScheduleOf,
  retryWindowEnd,
} from '../domain/retry-schedule';
import { keepLeaseAlive } from '../infrastructure/lease-renewal';
import { type GivenUpMail, MailOutboxRepository } from '../infrastructure/mail-outbox.repository';
import { MAIL_ALARM_QUEUE, MAIL_QUEUE, type SendMailJob } from './mail.queue';
import { MailService } from './mail.service';
import { MailAttachmentSources } from './mail-attachment-sources';
import { UnrecordedAnswers } from './unrecorded-answers';

export type { GivenUpMail };

/** Messages relayed per pass; a pass repeats until none is left. */
const RELAY_BATCH = 200;
/** The repeatable job that relayed the outbox every 15 s before the loop did; removed where it is still installed. */
const LEGACY_RELAY_SCHEDULER = 'mail-outbox-relay';

/**
 * The transactional outbox for single messages, which owns each message until a server accepted
 * it. `write` stores the message in the caller's transaction (`add` on its own); `relay` queues a
 * job for every message that is due and has none (the workers' `MailRelayLoop`, within a second);
 * the job calls `deliver`, which leases the row, sends and records the outcome: sent; failed for
 * good on a 5xx; a temporary failure (4xx, server away) schedules the next try on the retry
 * schedule, up to MAIL_GIVE_UP_HOURS, after which the row is `gave_up`. A job lost with Redis is
 * queued again JOB_LOST_AFTER_SECONDS later. A request path only writes: it never waits for,
 * or depends on, the queue.
 */
@Injectable()
export class MailOutboxService {
  private readonly logger = new Logger(MailOutboxService.name);
  private readonly schedule: RetrySchedule;
  /** Final answers not yet recorded: a retried job records them instead of sending again. */
  private readonly unrecorded = new UnrecordedAnswers<{ status: 'sent' | 'failed'; response: string }>();

  constructor(
    private readonly messages: MailOutboxRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly mail: MailService,
    private readonly queue: QueueService,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
    private readonly attachmentSources: MailAttachmentSources,
  ) {
    this.schedule = retryScheduleOf(config);
  }

  /**
   * Stores the message in the caller's transaction; a key already known is kept as it is. `route`
   * `alarm` sends it through the alarm server (ALERT_SMTP_URL) where one is configured.
   */
  async write(
    transaction: Transaction,
    mail: OutgoingMail,
    dedupKey: string,
    route: MailRoute = 'standard',
  ): Promise<void> {
    await this.messages.insert(transaction, [{ mail, dedupKey, route }]);
  }

  /** The Message-ID the outbox gives a message stored under `dedupKey` that names none of its own. */
  messageIdFor(dedupKey: string): string {
    return `${dedupKey}@${new URL(this.config.PUBLIC_BASE_URL).hostname}`;
  }

  /** Those of `dedupKeys` the outbox holds a message for, in the order given (to thread a reply to them). */
  async existingKeys(transaction: Transaction, dedupKeys: string[]): Promise<string[]> {
    const held = new Set(await this.messages.existingKeys(transaction, dedupKeys));
    return dedupKeys.filter((key) => held.has(key));
  }

  /** `write` outside a transaction, for mail that is itself the whole change (an alert). Idempotent by key. */
  async add(mail: OutgoingMail, dedupKey: string): Promise<void> {
    await this.messages.insert(undefined, [{ mail, dedupKey }]);
  }

  /**
   * A job queued before the outbox owned its messages carries the message itself: it is taken into
   * the outbox (its row, marked sent by the migration without ever having been tried, is pending
   * again) and delivered from there, so it too is retried instead of dropped.
   */
  async adoptQueuedMessage(mail: OutgoingMail): Promise<MailDeliveryStatus | undefined> {
    const dedupKey = mail.messageId?.replace(/@[^@]*$/, '') ?? `adopted.${randomUUID()}`;
    await this.messages.adopt(dedupKey, mail);
    return this.deliver(dedupKey);
  }

  /** `write` for several messages, as one part of a statement that makes the changes they tell of. */
  writeIn(statement: AtomicStatement, messages: ReadonlyArray<{ mail: OutgoingMail; dedupKey: string }>): void {
    this.messages.insertIn(statement, messages);
  }

  /**
   * Queues a job for every message that needs one; returns how many. Rows are locked while they are
   * handed over (SKIP LOCKED), so several workers relaying at once never queue one twice; if the
   * queue refuses, the rows stay as they were and the error is thrown.
   */
  async relay(): Promise<number> {
    // The loop polls often and mostly finds nothing: one indexed read, no transaction, when idle.
    if (!(await this.messages.anyNeedsJob())) return 0;
    let relayed = 0;
    for (;;) {
      const count = await this.unitOfWork.run(async (transaction) => {
        const rows = await this.messages.lockNeedingJob(transaction, RELAY_BATCH);
        if (rows.length === 0) return 0;
        // A job per hand-over: the row's lease, not the job id, keeps two jobs from sending it twice.
        const round = Date.now();
        for (const [queue, route] of [
          [MAIL_ALARM_QUEUE, 'alarm'],
          [MAIL_QUEUE, 'standard'],
        ] as const) {
          const routed = rows.filter((row) => row.route === route);
          if (routed.length === 0) continue;
          await this.queue.addBulk(
            queue,
            'send',
            routed.map((row) => ({
              data: { dedupKey: row.dedupKey } satisfies SendMailJob,
              options: { jobId: `mail.${row.dedupKey}.${row.attempts}.${round}` },
            })),
          );
        }
        await this.messages.markQueued(
          transaction,
          rows.map((row) => row.dedupKey),
        );
        return rows.length;
      });
      relayed += count;
      if (count < RELAY_BATCH) return relayed;
    }
  }

  /** Sends one outbox message, once: the job's work. A message already sent, or leased by another job, is left alone. */
  async deliver(dedupKey: string): Promise<MailDeliveryStatus | undefined> {
    const claimed = await this.messages.lease(dedupKey, this.config.NOTICE_LEASE_SECONDS);
    if (!claimed) return undefined;
    const known = this.unrecorded.get(dedupKey);
    if (known) return this.finish(dedupKey, known.status, known.response);
    const message = claimed.mail;
    const createdAt = claimed.retryStartedAt.getTime();
    const now = Date.now();
    if (now >= retryWindowEnd(this.schedule, createdAt))
      return this.finish(dedupKey, 'gave_up', `gave up after ${claimed.attempts - 1} tries`);

    // The lease lives as long as the transaction: a slow server never lets a second job send it again.
    const stopRenewing = keepLeaseAlive(
      this.config.NOTICE_LEASE_SECONDS,
      () => this.messages.renewLease(dedupKey, claimed.attempts, this.config.NOTICE_LEASE_SECONDS),
      this.logger,
      { dedupKey },
    );
    const { storedAttachments, ...composed } = message;
    const results = await this.attachmentSources
      .load(storedAttachments)
      .then((stored) =>
        this.mail.deliver(
          {
            ...composed,
            messageId: message.messageId ?? this.messageIdFor(dedupKey),
            ...(stored.length > 0 ? { attachments: [...(composed.attachments ?? []), ...stored] } : {}),
          },
          claimed.route,
        ),
      )
      .finally(stopRenewing);
    const retry = results.filter((result) => deliveryOutcome(result.code, result.accepted) === 'retry');
    const response = results
      .map((result) => `${result.address}: ${result.response ?? (result.accepted ? 'accepted' : 'refused')}`)
      .join('; ');
    if (retry.length === 0) {
      const status = results.some((result) => result.accepted) ? 'sent' : 'failed';
      this.unrecorded.keep(dedupKey, { status, response });
      return this.finish(dedupKey, status, response);
    }

    // Only the recipients not yet answered for good are tried again.
    const nextTry = nextAttemptAt(this.schedule, claimed.attempts, createdAt, now);
    await this.messages.defer(
      dedupKey,
      new Date(nextTry),
      response,
      retry.map((result) => result.address),
    );
    this.logger.warn(
      { dedupKey, attempts: claimed.attempts, nextTry: new Date(nextTry) },
      'mail deferred; retrying later',
    );
    return 'pending';
  }

  /** Messages given up after their retry window, newest first: what an admin may send again. */
  givenUp(limit = 100): Promise<GivenUpMail[]> {
    return this.messages.givenUp(limit);
  }

  /**
   * Sends given-up messages again (those named, or all): each is pending with a fresh retry window
   * (its creation time stays), in the caller's transaction so the audit entry goes with it; the
   * relay queues them within a second. Returns the keys resent.
   */
  resendGivenUp(transaction: Transaction, dedupKeys?: string[]): Promise<string[]> {
    return this.messages.reopenGivenUp(transaction, dedupKeys);
  }

  /** Messages not yet sent, and how long the oldest has waited: for /health and /metrics. */
  backlog(): Promise<{ pending: number; oldestAgeSeconds: number; gaveUp: number }> {
    return this.messages.backlog();
  }

  private async finish(
    dedupKey: string,
    status: Exclude<MailDeliveryStatus, 'pending'>,
    response: string,
  ): Promise<MailDeliveryStatus> {
    await this.messages.settle(dedupKey, status, response);
    this.unrecorded.forget(dedupKey);
    if (status === 'gave_up') {
      this.metrics.mailGivenUp.inc({ kind: 'outbox' });
      this.logger.error({ dedupKey, response }, 'mail given up after the retry window');
    } else if (status === 'failed') this.logger.warn({ dedupKey, response }, 'mail refused permanently');
    return status;
  }
}

/**
 * Relays the outbox in processes that run workers: a pass every MAIL_RELAY_INTERVAL_MS (and one
 * at start-up, for whatever a stopped system left behind). A failed pass is logged and counted;
 * the next one tries again.
 */
@Injectable()
export class MailRelayLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MailRelayLoop.name);
  private timer?: NodeJS.Timeout;
  private pass: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly outbox: MailOutboxService,
    private readonly queue: QueueService,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runsWorkers) return;
    await this.queue.driver.removeRepeatable(MAIL_QUEUE.name, LEGACY_RELAY_SCHEDULER);
    this.schedule(0);
  }

  // Before the shutdown hooks close the queue and the database, so the last pass still has both.
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pass;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.pass = this.runPass().finally(() => this.schedule(this.config.MAIL_RELAY_INTERVAL_MS));
    }, delayMs);
  }

  private async runPass(): Promise<void> {
    try {
      await this.outbox.relay();
    } catch (error) {
      this.metrics.mailEnqueueFailures.inc({ kind: 'outbox' });
      this.logger.warn({ error: (error as Error).message }, 'mail outbox not relayed yet; retrying');
    }
  }
}
