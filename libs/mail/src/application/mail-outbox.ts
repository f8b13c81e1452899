import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { AppConfig } from '@madoguchi/config';
import { AtomicStatement } from '@madoguchi/database';
import { Metrics } from '@madoguchi/observability';
import { QueueService } from '@madoguchi/queue';

import type { OutgoingMail } from '../domain/mail-message';
import { MAIL_QUEUE } from './mail.queue';
import { MailService } from './mail.service';

/** Messages relayed per pass; a pass repeats until none is left. */
const RELAY_BATCH = 200;
/** The repeatable job that relayed the outbox every 15 s before the loop did; removed where it is still installed. */
const LEGACY_RELAY_SCHEDULER = 'mail-outbox-relay';

/**
 * The transactional outbox for single messages: `write` stores the message in the caller's
 * transaction; `relay` hands unrelayed ones to the mail queue (job id = dedup key) and marks them.
 * Relaying is the workers' job (`MailRelayLoop`, within a second of the commit), so a request
 * path only writes: it never waits for, or depends on, the queue.
 */
@Injectable()
export class MailOutbox {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailService,
  ) {}

  async write(manager: EntityManager, mail: OutgoingMail, dedupKey: string): Promise<void> {
    const statement = new AtomicStatement();
    this.writeIn(statement, [{ mail, dedupKey }]);
    await statement.run(manager);
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
   * Relays every unrelayed message; returns how many were queued. Batches are locked while they
   * are handed over (SKIP LOCKED), so several workers relaying at once never queue one twice; if
   * the queue refuses, the batch stays unrelayed and the error is thrown.
   */
  async relay(): Promise<number> {
    // The loop polls often and mostly finds nothing: one indexed read, no transaction, when idle.
    const [waiting] = (await this.dataSource.query(
      `SELECT 1 AS waiting FROM mail_outbox WHERE relayed_at IS NULL LIMIT 1`,
    )) as Array<{ waiting: number }>;
    if (!waiting) return 0;
    let relayed = 0;
    for (;;) {
      const count = await this.dataSource.transaction(async (manager) => {
        const rows = (await manager.query(
          `SELECT dedup_key, message FROM mail_outbox WHERE relayed_at IS NULL
            ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [RELAY_BATCH],
        )) as Array<{ dedup_key: string; message: OutgoingMail | string }>;
        if (rows.length === 0) return 0;
        await this.mail.enqueueMany(
          rows.map((row) => ({
            dedupKey: row.dedup_key,
            mail: typeof row.message === 'string' ? (JSON.parse(row.message) as OutgoingMail) : row.message,
          })),
        );
        await manager.query(`UPDATE mail_outbox SET relayed_at = now() WHERE dedup_key = ANY($1::text[])`, [
          rows.map((row) => row.dedup_key),
        ]);
        return rows.length;
      });
      relayed += count;
      if (count < RELAY_BATCH) return relayed;
    }
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
