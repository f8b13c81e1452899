import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { AppConfig } from '@madoguchi/config';
import { Metrics } from '@madoguchi/observability';
import { JobConsumer, JobConsumerHandler, QueueService } from '@madoguchi/queue';

import type { OutgoingMail } from '../domain/mail-message';
import { MAIL_QUEUE } from './mail.queue';
import { MailService } from './mail.service';

/** Messages relayed per pass; the periodic relay repeats until none is left. */
const RELAY_BATCH = 200;
const RELAY_EVERY_MS = 15_000;

/**
 * The transactional outbox for single messages: `write` stores the message in the caller's
 * transaction; `relay` hands unrelayed ones to the mail queue (job id = dedup key, so a relay that
 * runs twice sends once) and marks them. Callers relay right after their commit; the periodic
 * relay catches whatever that missed (queue down, process died).
 */
@Injectable()
export class MailOutbox {
  private readonly logger = new Logger(MailOutbox.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly metrics: Metrics,
  ) {}

  async write(manager: EntityManager, mail: OutgoingMail, dedupKey: string): Promise<void> {
    await manager.query(
      `INSERT INTO mail_outbox (dedup_key, message) VALUES ($1, $2) ON CONFLICT (dedup_key) DO NOTHING`,
      [dedupKey, JSON.stringify(mail)],
    );
  }

  /**
   * Relays one message now, right after its transaction committed (best effort: a failure leaves it
   * for the periodic relay, logged and counted). Given the message, it skips reading it back.
   */
  async relayNow(dedupKey: string, kind: string, message?: OutgoingMail): Promise<void> {
    try {
      if (!message) await this.relay([dedupKey]);
      else await this.handOver(dedupKey, message);
    } catch (error) {
      this.metrics.mailEnqueueFailures.inc({ kind });
      this.logger.warn({ dedupKey, error: (error as Error).message }, 'mail not queued yet; the outbox relay retries');
    }
  }

  private async handOver(dedupKey: string, message: OutgoingMail): Promise<void> {
    await this.mail.enqueue(message, dedupKey);
    await this.dataSource.query(`UPDATE mail_outbox SET relayed_at = now() WHERE dedup_key = $1`, [dedupKey]);
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
      for (const row of rows) {
        await this.handOver(
          row.dedup_key,
          typeof row.message === 'string' ? (JSON.parse(row.message) as OutgoingMail) : row.message,
        );
        relayed += 1;
      }
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
