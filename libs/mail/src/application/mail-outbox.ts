import { randomUUID } from 'node:crypto';

import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { AppConfig } from '@madoguchi/config';
import { AtomicStatement, changedRows } from '@madoguchi/database';
import { Metrics } from '@madoguchi/observability';
import { QueueService } from '@madoguchi/queue';

import type { OutgoingMail } from '../domain/mail-message';
import {
  deliveryOutcome,
  type MailDeliveryStatus,
  nextAttemptAt,
  type RetrySchedule,
  retryScheduleOf,
  retryWindowEnd,
} from '../domain/retry-schedule';
import { DUE_WITHOUT_JOB } from '../infrastructure/delivery-sql';
import { keepLeaseAlive } from '../infrastructure/lease-renewal';
import { MAIL_QUEUE, type SendMailJob } from './mail.queue';
import { MailService } from './mail.service';

/** A message the outbox gave up on, as an admin sees it. */
export interface GivenUpMail {
  dedupKey: string;
  to: string[];
  subject: string;
  attempts: number;
  lastResponse: string | null;
  createdAt: Date;
}

/** Messages relayed per pass; a pass repeats until none is left. */
const RELAY_BATCH = 200;
/** The repeatable job that relayed the outbox every 15 s before the loop did; removed where it is still installed. */
const LEGACY_RELAY_SCHEDULER = 'mail-outbox-relay';

/** A pending message that is due and has no live job. */
const NEEDS_JOB = `status = 'pending' AND ${DUE_WITHOUT_JOB}`;

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
export class MailOutbox {
  private readonly logger = new Logger(MailOutbox.name);
  private readonly schedule: RetrySchedule;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly queue: QueueService,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    this.schedule = retryScheduleOf(config);
  }

  async write(manager: EntityManager, mail: OutgoingMail, dedupKey: string): Promise<void> {
    const statement = new AtomicStatement();
    this.writeIn(statement, [{ mail, dedupKey }]);
    await statement.run(manager);
  }

  /** `write` outside a transaction, for mail that is itself the whole change (an alert). Idempotent by key. */
  async add(mail: OutgoingMail, dedupKey: string): Promise<void> {
    await this.write(this.dataSource.manager, mail, dedupKey);
  }

  /**
   * A job queued before the outbox owned its messages carries the message itself: it is taken into
   * the outbox (its row, marked sent by the migration without ever having been tried, is pending
   * again) and delivered from there, so it too is retried instead of dropped.
   */
  async adoptQueuedMessage(mail: OutgoingMail): Promise<MailDeliveryStatus | undefined> {
    const dedupKey = mail.messageId?.replace(/@[^@]*$/, '') ?? `adopted.${randomUUID()}`;
    await this.dataSource.query(
      `INSERT INTO mail_outbox (dedup_key, message) VALUES ($1, $2::jsonb)
       ON CONFLICT (dedup_key) DO UPDATE SET message = EXCLUDED.message, status = 'pending', next_attempt_at = now(), sent_at = NULL
        WHERE mail_outbox.status = 'sent' AND mail_outbox.attempts = 0`,
      [dedupKey, JSON.stringify(mail)],
    );
    return this.deliver(dedupKey);
  }

  /** `write` for several messages, as one part of a statement that makes the changes they tell of. */
  writeIn(statement: AtomicStatement, messages: ReadonlyArray<{ mail: OutgoingMail; dedupKey: string }>): void {
    if (messages.length === 0) return;
    statement.with(
      statement.uniqueName('mail_outbox'),
      `INSERT INTO mail_outbox (dedup_key, message)
       SELECT dedup_key, message::jsonb FROM unnest($1::text[], $2::text[]) AS m(dedup_key, message)
       ON CONFLICT (dedup_key) DO NOTHING`,
      [messages.map((message) => message.dedupKey), messages.map((message) => JSON.stringify(message.mail))],
    );
  }

  /**
   * Queues a job for every message that needs one; returns how many. Rows are locked while they are
   * handed over (SKIP LOCKED), so several workers relaying at once never queue one twice; if the
   * queue refuses, the rows stay as they were and the error is thrown.
   */
  async relay(): Promise<number> {
    // The loop polls often and mostly finds nothing: one indexed read, no transaction, when idle.
    const [waiting] = (await this.dataSource.query(
      `SELECT 1 AS waiting FROM mail_outbox WHERE ${NEEDS_JOB} LIMIT 1`,
    )) as Array<{ waiting: number }>;
    if (!waiting) return 0;
    let relayed = 0;
    for (;;) {
      const count = await this.dataSource.transaction(async (manager) => {
        const rows = (await manager.query(
          `SELECT dedup_key, attempts FROM mail_outbox WHERE ${NEEDS_JOB}
            ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [RELAY_BATCH],
        )) as Array<{ dedup_key: string; attempts: number }>;
        if (rows.length === 0) return 0;
        // A job per hand-over: the row's lease, not the job id, keeps two jobs from sending it twice.
        const round = Date.now();
        await this.queue.addBulk(
          MAIL_QUEUE,
          'send',
          rows.map((row) => ({
            data: { dedupKey: row.dedup_key } satisfies SendMailJob,
            options: { jobId: `mail.${row.dedup_key}.${row.attempts}.${round}` },
          })),
        );
        await manager.query(`UPDATE mail_outbox SET queued_at = now() WHERE dedup_key = ANY($1::text[])`, [
          rows.map((row) => row.dedup_key),
        ]);
        return rows.length;
      });
      relayed += count;
      if (count < RELAY_BATCH) return relayed;
    }
  }

  /** Sends one outbox message, once: the job's work. A message already sent, or leased by another job, is left alone. */
  async deliver(dedupKey: string): Promise<MailDeliveryStatus | undefined> {
    const [claimed] = await changedRows<{ message: OutgoingMail | string; attempts: number; createdAt: Date }>(
      this.dataSource.manager,
      `UPDATE mail_outbox SET lease_until = now() + make_interval(secs => $2), attempts = attempts + 1
        WHERE dedup_key = $1 AND status = 'pending' AND (lease_until IS NULL OR lease_until < now())
        RETURNING message, attempts, COALESCE(retry_started_at, created_at) AS "createdAt"`,
      [dedupKey, this.config.NOTICE_LEASE_SECONDS],
    );
    if (!claimed) return undefined;
    const message =
      typeof claimed.message === 'string' ? (JSON.parse(claimed.message) as OutgoingMail) : claimed.message;
    const createdAt = new Date(claimed.createdAt).getTime();
    const now = Date.now();
    if (now >= retryWindowEnd(this.schedule, createdAt))
      return this.finish(dedupKey, 'gave_up', `gave up after ${claimed.attempts - 1} tries`);

    // The lease lives as long as the transaction: a slow server never lets a second job send it again.
    const stopRenewing = keepLeaseAlive(
      this.config.NOTICE_LEASE_SECONDS,
      () =>
        this.dataSource.query(
          `UPDATE mail_outbox SET lease_until = now() + make_interval(secs => $3)
            WHERE dedup_key = $1 AND attempts = $2 AND status = 'pending'`,
          [dedupKey, claimed.attempts, this.config.NOTICE_LEASE_SECONDS],
        ),
      this.logger,
      { dedupKey },
    );
    const results = await this.mail
      .deliver({
        ...message,
        messageId: message.messageId ?? `${dedupKey}@${new URL(this.config.PUBLIC_BASE_URL).hostname}`,
      })
      .finally(stopRenewing);
    const retry = results.filter((result) => deliveryOutcome(result.code, result.accepted) === 'retry');
    const response = results
      .map((result) => `${result.address}: ${result.response ?? (result.accepted ? 'accepted' : 'refused')}`)
      .join('; ');
    if (retry.length === 0)
      return this.finish(dedupKey, results.some((result) => result.accepted) ? 'sent' : 'failed', response);

    // Only the recipients not yet answered for good are tried again.
    const nextTry = nextAttemptAt(this.schedule, claimed.attempts, createdAt, now);
    await this.dataSource.query(
      `UPDATE mail_outbox SET lease_until = NULL, next_attempt_at = $2, last_response = $3,
              message = jsonb_set(message, '{to}', $4::jsonb)
        WHERE dedup_key = $1`,
      [dedupKey, new Date(nextTry), response, JSON.stringify(retry.map((result) => result.address))],
    );
    this.logger.warn(
      { dedupKey, attempts: claimed.attempts, nextTry: new Date(nextTry) },
      'mail deferred; retrying later',
    );
    return 'pending';
  }

  /** Messages given up after their retry window, newest first: what an admin may send again. */
  async givenUp(limit = 100): Promise<GivenUpMail[]> {
    const rows = (await this.dataSource.query(
      `SELECT dedup_key, message->'to' AS "to", message->>'subject' AS subject, attempts, last_response, created_at
         FROM mail_outbox WHERE status = 'gave_up' ORDER BY created_at DESC LIMIT $1`,
      [limit],
    )) as Array<{
      dedup_key: string;
      to: string[];
      subject: string;
      attempts: number;
      last_response: string | null;
      created_at: Date;
    }>;
    return rows.map((row) => ({
      dedupKey: row.dedup_key,
      to: row.to,
      subject: row.subject,
      attempts: row.attempts,
      lastResponse: row.last_response,
      createdAt: new Date(row.created_at),
    }));
  }

  /**
   * Sends given-up messages again (those named, or all): each is pending with a fresh retry window
   * (its creation time stays), in the caller's transaction so the audit entry goes with it; the
   * relay queues them within a second. Returns the keys resent.
   */
  async resendGivenUp(manager: EntityManager, dedupKeys?: string[]): Promise<string[]> {
    const rows = (await changedRows<{ dedup_key: string }>(
      manager,
      `UPDATE mail_outbox SET status = 'pending', attempts = 0, next_attempt_at = now(), retry_started_at = now(),
              queued_at = NULL, lease_until = NULL
        WHERE status = 'gave_up' AND ($1::text[] IS NULL OR dedup_key = ANY($1::text[]))
        RETURNING dedup_key`,
      [dedupKeys ?? null],
    )) as Array<{ dedup_key: string }>;
    return rows.map((row) => row.dedup_key);
  }

  /** Messages not yet sent, and how long the oldest has waited: for /health and /metrics. */
  async backlog(): Promise<{ pending: number; oldestAgeSeconds: number; gaveUp: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
              coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'pending')), 0)::float8 AS "oldestAgeSeconds",
              count(*) FILTER (WHERE status = 'gave_up')::int AS "gaveUp"
         FROM mail_outbox WHERE status IN ('pending', 'gave_up')`,
    )) as Array<{ pending: number; oldestAgeSeconds: number; gaveUp: number }>;
    return row!;
  }

  private async finish(dedupKey: string, status: MailDeliveryStatus, response: string): Promise<MailDeliveryStatus> {
    await this.dataSource.query(
      `UPDATE mail_outbox SET status = $2::varchar, lease_until = NULL, last_response = $3,
              sent_at = CASE WHEN $2::varchar = 'sent' THEN now() END
        WHERE dedup_key = $1`,
      [dedupKey, status, response],
    );
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
    private readonly outbox: MailOutbox,
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
