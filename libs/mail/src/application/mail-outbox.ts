import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { allFulfilled, Coalescer } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import { AtomicStatement } from '@madoguchi/database';
import { Metrics } from '@madoguchi/observability';
import { JobConsumer, JobConsumerHandler, QueueService } from '@madoguchi/queue';

import type { OutgoingMail } from '../domain/mail-message';
import { MAIL_QUEUE } from './mail.queue';
import { MailService } from './mail.service';

/** Messages relayed per pass; the periodic relay repeats until none is left. */
const RELAY_BATCH = 200;
const RELAY_EVERY_MS = 15_000;

interface HandOver {
  dedupKey: string;
  kind: string;
  message: OutgoingMail;
}

/**
 * The transactional outbox for single messages: `write` stores the message in the caller's
 * transaction; `relay` hands unrelayed ones to the mail queue (job id = dedup key, so a relay that
 * runs twice sends once) and marks them. Callers relay right after their commit; the periodic
 * relay catches whatever that missed (queue down, process died).
 */
@Injectable()
export class MailOutbox implements BeforeApplicationShutdown {
  private readonly logger = new Logger(MailOutbox.name);
  private readonly relaying = new Set<Promise<void>>();
  private readonly handOvers = new Coalescer<HandOver>(async (batch) => {
    await this.handOver(batch);
    return allFulfilled(batch.length, undefined);
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly metrics: Metrics,
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
   * Relays one message now, right after its transaction committed (best effort: a failure leaves it
   * for the periodic relay, logged and counted). Given the message, it skips reading it back.
   * Calls made while a hand-over is under way are queued in one round trip to the queue and one
   * UPDATE: under load the relay costs a fraction of a round trip per message, not two.
   */
  relayNow(dedupKey: string, kind: string, message?: OutgoingMail): Promise<void> {
    if (!message) return this.guarded([kind], () => this.relay([dedupKey]).then(() => undefined));
    return this.handOvers.add({ dedupKey, kind, message });
  }

  /**
   * `relayNow` without waiting: for request paths that answer as soon as their transaction commits.
   * Hand-overs still under way when the application stops are awaited first.
   */
  relaySoon(dedupKey: string, kind: string, message: OutgoingMail): void {
    const relay = this.relayNow(dedupKey, kind, message).finally(() => this.relaying.delete(relay));
    this.relaying.add(relay);
  }

  /** Resolves when every `relaySoon` hand-over started so far has finished (shutdown, tests). */
  async relayed(): Promise<void> {
    while (this.relaying.size > 0) await Promise.all(this.relaying);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relayed();
  }

  private async handOver(batch: HandOver[]): Promise<void> {
    await this.guarded(
      batch.map((item) => item.kind),
      () => this.queueAndMark(batch.map(({ dedupKey, message }) => ({ mail: message, dedupKey }))),
    );
  }

  /** Hands messages to the mail queue (one round trip; job id = dedup key) and marks them relayed. */
  private async queueAndMark(messages: Array<{ mail: OutgoingMail; dedupKey: string }>): Promise<void> {
    if (messages.length === 0) return;
    await this.mail.enqueueMany(messages);
    await this.dataSource.query(`UPDATE mail_outbox SET relayed_at = now() WHERE dedup_key = ANY($1::text[])`, [
      messages.map((message) => message.dedupKey),
    ]);
  }

  private async guarded(kinds: string[], work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      for (const kind of kinds) this.metrics.mailEnqueueFailures.inc({ kind });
      this.logger.warn({ kinds, error: (error as Error).message }, 'mail not queued yet; the outbox relay retries');
    }
  }

  /** Relays the given messages, or every unrelayed one; returns how many were queued. */
  async relay(dedupKeys?: string[]): Promise<number> {
    let relayed = 0;
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT dedup_key, message FROM mail_outbox
          WHERE relayed_at IS NULL ${dedupKeys ? 'AND dedup_key = ANY($2::text[])' : ''}
          ORDER BY created_at LIMIT $1`,
        dedupKeys ? [RELAY_BATCH, dedupKeys] : [RELAY_BATCH],
      )) as Array<{ dedup_key: string; message: OutgoingMail | string }>;
      await this.queueAndMark(
        rows.map((row) => ({
          dedupKey: row.dedup_key,
          mail: typeof row.message === 'string' ? (JSON.parse(row.message) as OutgoingMail) : row.message,
        })),
      );
      relayed += rows.length;
      if (rows.length < RELAY_BATCH || dedupKeys) return relayed;
    }
  }
}

@Injectable()
@JobConsumer(MAIL_QUEUE, 'relay-outbox')
export class RelayMailOutboxConsumer implements JobConsumerHandler, OnApplicationBootstrap {
  constructor(
    private readonly outbox: MailOutbox,
    private readonly queue: QueueService,
    private readonly config: AppConfig,
  ) {}

  async handle(): Promise<void> {
    await this.outbox.relay();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.runsWorkers)
      await this.queue.maintainRepeatable(MAIL_QUEUE, 'relay-outbox', 'mail-outbox-relay', { everyMs: RELAY_EVERY_MS });
  }
}
