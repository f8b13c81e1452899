import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { AtomicStatement, changedRows, managerOf, type Transaction } from '@madoguchi/database';

import type { MailRoute, OutgoingMail } from '../domain/mail-message';
import type { MailDeliveryStatus } from '../domain/retry-schedule';
import { DUE_WITHOUT_JOB } from './delivery-sql';

/** A pending message that is due and has no live job. */
const NEEDS_JOB = `status = 'pending' AND ${DUE_WITHOUT_JOB}`;

export interface OutboxMessage {
  mail: OutgoingMail;
  dedupKey: string;
  /** Default `standard`. */
  route?: MailRoute;
}

/** A message leased for one try: the try's number, and when its retry window opened. */
export interface LeasedMessage {
  mail: OutgoingMail;
  route: MailRoute;
  attempts: number;
  retryStartedAt: Date;
}

/** A message the outbox gave up on, as an admin sees it. */
export interface GivenUpMail {
  dedupKey: string;
  to: string[];
  subject: string;
  attempts: number;
  lastResponse: string | null;
  createdAt: Date;
}

const parsed = (message: OutgoingMail | string): OutgoingMail =>
  typeof message === 'string' ? (JSON.parse(message) as OutgoingMail) : message;

/** `mail_outbox`: one row per single message (keyed by its dedup key), which owns it until a server accepted it. */
@Injectable()
export class MailOutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts the messages as one part of a statement that makes the changes they tell of; a known key is kept. */
  insertIn(statement: AtomicStatement, messages: readonly OutboxMessage[]): void {
    if (messages.length === 0) return;
    statement.with(
      statement.uniqueName('mail_outbox'),
      `INSERT INTO mail_outbox (dedup_key, message, route)
       SELECT dedup_key, message::jsonb, route FROM unnest($1::text[], $2::text[], $3::text[]) AS m(dedup_key, message, route)
       ON CONFLICT (dedup_key) DO NOTHING`,
      [
        messages.map((message) => message.dedupKey),
        messages.map((message) => JSON.stringify(message.mail)),
        messages.map((message) => message.route ?? 'standard'),
      ],
    );
  }

  /** Inserts the messages inside the caller's transaction, or on their own without one. */
  async existingKeys(transaction: Transaction, dedupKeys: string[]): Promise<string[]> {
    if (dedupKeys.length === 0) return [];
    const rows = (await managerOf(transaction).query(
      `SELECT dedup_key AS "key" FROM mail_outbox WHERE dedup_key = ANY($1::text[])`,
      [dedupKeys],
    )) as Array<{ key: string }>;
    return rows.map((row) => row.key);
  }

  async insert(transaction: Transaction | undefined, messages: readonly OutboxMessage[]): Promise<void> {
    const statement = new AtomicStatement();
    this.insertIn(statement, messages);
    await statement.run(transaction ? managerOf(transaction) : this.dataSource.manager);
  }

  /**
   * Takes a message that travelled in a job into the outbox: a row the migration marked sent
   * without ever trying it is pending again.
   */
  async adopt(dedupKey: string, mail: OutgoingMail): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO mail_outbox (dedup_key, message) VALUES ($1, $2::jsonb)
       ON CONFLICT (dedup_key) DO UPDATE SET message = EXCLUDED.message, status = 'pending', next_attempt_at = now(), sent_at = NULL
        WHERE mail_outbox.status = 'sent' AND mail_outbox.attempts = 0`,
      [dedupKey, JSON.stringify(mail)],
    );
  }

  /** Whether any message needs a job: one indexed read, no transaction (the relay loop mostly finds none). */
  async anyNeedsJob(): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM mail_outbox WHERE ${NEEDS_JOB} LIMIT 1`)) as unknown[];
    return rows.length > 0;
  }

  /**
   * Locks up to `limit` messages that need a job (SKIP LOCKED: another relay takes others), alarms
   * first, inside the caller's transaction; their keys, routes and tries so far.
   */
  async lockNeedingJob(
    transaction: Transaction,
    limit: number,
  ): Promise<Array<{ dedupKey: string; route: MailRoute; attempts: number }>> {
    return (await managerOf(transaction).query(
      `SELECT dedup_key AS "dedupKey", route, attempts FROM mail_outbox WHERE ${NEEDS_JOB}
        ORDER BY route = 'alarm' DESC, next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    )) as Array<{ dedupKey: string; route: MailRoute; attempts: number }>;
  }

  async markQueued(transaction: Transaction, dedupKeys: string[]): Promise<void> {
    await managerOf(transaction).query(`UPDATE mail_outbox SET queued_at = now() WHERE dedup_key = ANY($1::text[])`, [
      dedupKeys,
    ]);
  }

  /** Leases a pending message nobody else holds for one try; undefined when sent, settled or leased. */
  async lease(dedupKey: string, leaseSeconds: number): Promise<LeasedMessage | undefined> {
    const [row] = await changedRows<{
      message: OutgoingMail | string;
      route: MailRoute;
      attempts: number;
      retryStartedAt: Date;
    }>(
      this.dataSource.manager,
      `UPDATE mail_outbox SET lease_until = now() + make_interval(secs => $2), attempts = attempts + 1
        WHERE dedup_key = $1 AND status = 'pending' AND (lease_until IS NULL OR lease_until < now())
        RETURNING message, route, attempts, COALESCE(retry_started_at, created_at) AS "retryStartedAt"`,
      [dedupKey, leaseSeconds],
    );
    return (
      row && {
        mail: parsed(row.message),
        route: row.route,
        attempts: row.attempts,
        retryStartedAt: new Date(row.retryStartedAt),
      }
    );
  }

  /** Extends the lease of the try numbered `attempts`, if it is still the message's current one. */
  async renewLease(dedupKey: string, attempts: number, leaseSeconds: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_outbox SET lease_until = now() + make_interval(secs => $3)
        WHERE dedup_key = $1 AND attempts = $2 AND status = 'pending'`,
      [dedupKey, attempts, leaseSeconds],
    );
  }

  /** Releases the lease until `nextTry`, keeping only the recipients `to` still to be tried. */
  async defer(dedupKey: string, nextTry: Date, response: string, to: string[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_outbox SET lease_until = NULL, next_attempt_at = $2, last_response = $3,
              message = jsonb_set(message, '{to}', $4::jsonb)
        WHERE dedup_key = $1`,
      [dedupKey, nextTry, response, JSON.stringify(to)],
    );
  }

  /** Settles the message: sent, failed for good, or given up. */
  async settle(dedupKey: string, status: Exclude<MailDeliveryStatus, 'pending'>, response: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_outbox SET status = $2::varchar, lease_until = NULL, last_response = $3,
              sent_at = CASE WHEN $2::varchar = 'sent' THEN now() END
        WHERE dedup_key = $1`,
      [dedupKey, status, response],
    );
  }

  /** Messages given up after their retry window, newest first. */
  async givenUp(limit: number): Promise<GivenUpMail[]> {
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
   * Given-up messages (those named, or all) pending again with a fresh retry window (their creation
   * time stays), inside the caller's transaction; the keys reopened.
   */
  async reopenGivenUp(transaction: Transaction, dedupKeys?: string[]): Promise<string[]> {
    const rows = await changedRows<{ dedup_key: string }>(
      managerOf(transaction),
      `UPDATE mail_outbox SET status = 'pending', attempts = 0, next_attempt_at = now(), retry_started_at = now(),
              queued_at = NULL, lease_until = NULL
        WHERE status = 'gave_up' AND ($1::text[] IS NULL OR dedup_key = ANY($1::text[]))
        RETURNING dedup_key`,
      [dedupKeys ?? null],
    );
    return rows.map((row) => row.dedup_key);
  }

  /** Messages not yet sent, how long the oldest has waited, and how many were given up. */
  async backlog(): Promise<{ pending: number; oldestAgeSeconds: number; gaveUp: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
              coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'pending')), 0)::float8 AS "oldestAgeSeconds",
              count(*) FILTER (WHERE status = 'gave_up')::int AS "gaveUp"
         FROM mail_outbox WHERE status IN ('pending', 'gave_up')`,
    )) as Array<{ pending: number; oldestAgeSeconds: number; gaveUp: number }>;
    return row!;
  }
}
