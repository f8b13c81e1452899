import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';

import { validateConfig } from '@madoguchi/config';
import { Metrics } from '@madoguchi/observability';

import { createApp } from '../../apps/api/src/app.factory';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { ApiClient } from '../support/api-client';
import { type FaultServices, startFaultServices } from '../support/fault-services';
import { SmtpSink } from '../support/smtp-sink';
import { ADMIN } from '../support/test-app';
import { testConfig } from '../support/test-config';
import { waitFor } from '../support/wait-for';

/** What a fault did to the acknowledgements: the table, one row per scenario. */
interface FaultRow {
  fault: string;
  inquiries: number;
  /** Acknowledgements whose job was in Redis (queued, not yet sent) when the fault struck. */
  inFlightAtFault?: number;
  acknowledged: number;
  lost: number;
  duplicated: number;
  refusedDuringFault: number;
  secondsToLastAck: number;
}
const table: FaultRow[] = [];

/**
 * Service mode under injected faults, on services of the suite's own (a PostgreSQL server and a
 * redis-server on free ports, never the shared ones): an API and a worker, inquiries arriving, and
 * Redis flushed or Postgres stopped under them. Every inquiry must be acknowledged exactly once.
 * `npm run test:faults` runs this folder alone; `npm test` runs it with everything else.
 */
describe('fault injection: acknowledgements survive a Redis flush and a Postgres restart', () => {
  let services: FaultServices;
  let sink: SmtpSink;
  let api: NestFastifyApplication;
  let worker: INestApplicationContext;
  let client: ApiClient;
  let database: DataSource;
  let sequence = 0;
  /** How long the SMTP server takes over each message: slow, jobs pile up in Redis. */
  let replyDelayMs = 0;
  /** Runs while the SMTP server holds a message's reply (once, then cleared): a fault at the worst moment. */
  let duringReply: (() => Promise<void>) | undefined;

  /** Inquiries as a careful client sends them: an Idempotency-Key, and a retry after a 503's Retry-After. */
  async function inquire(
    count: number,
    during?: () => Promise<void>,
  ): Promise<{ emails: string[]; refused: number; startedAt: number }> {
    const emails: string[] = [];
    let refused = 0;
    const startedAt = Date.now();
    for (let n = 0; n < count; n += 1) {
      if (n === Math.floor(count / 2)) await during?.();
      const email = `fault${(sequence += 1)}@sakura.example.jp`;
      const key = `fault-${sequence}`;
      for (;;) {
        const response = await client.request(
          'POST',
          '/api/v1/inquiries',
          { name: '山田 花子', email, subject: '障害試験', body: 'ログインできません。', consent: true },
          { 'idempotency-key': key },
        );
        if (response.status === 201) break;
        expect(response.status).toBe(503);
        refused += 1;
        await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 200));
      }
      emails.push(email);
    }
    return { emails, refused, startedAt };
  }

  const outboxPending = async () =>
    Number(
      (
        (await database.query(`SELECT count(*) AS pending FROM mail_outbox WHERE status = 'pending'`)) as Array<{
          pending: string;
        }>
      )[0]!.pending,
    );

  /** Waits until every address has its acknowledgement, then counts what arrived. */
  async function acknowledgements(emails: string[], startedAt: number) {
    await waitFor(
      () => emails.every((email) => sink.received.some((mail) => mail.envelopeTo.includes(email))),
      'every acknowledgement at the SMTP server',
      120_000,
    );
    const secondsToLastAck = (Date.now() - startedAt) / 1000;
    // Nothing can be sent any more once no message is pending (a sent row is never sent again):
    // duplicates, if any, have arrived by then.
    await waitFor(async () => (await outboxPending()) === 0, 'an outbox with nothing pending', 60_000);
    const copies = emails.map((email) => sink.received.filter((mail) => mail.envelopeTo.includes(email)).length);
    return {
      acknowledged: copies.filter((n) => n > 0).length,
      lost: copies.filter((n) => n === 0).length,
      duplicated: copies.filter((n) => n > 1).length,
      secondsToLastAck,
    };
  }

  beforeAll(async () => {
    services = await startFaultServices();
    const url = await services.migratedDatabase('madoguchi_test');
    database = await new DataSource({ type: 'postgres', url }).initialize();
    sink = new SmtpSink({
      beforeReply: async () => {
        const fault = duringReply;
        duringReply = undefined;
        await fault?.();
        await new Promise((resolve) => setTimeout(resolve, replyDelayMs));
      },
    });
    const settings = {
      DATABASE_URL: url,
      REDIS_URL: services.redis.url,
      SMTP_URL: await sink.start(),
      INQUIRY_RATE_LIMIT_PER_MINUTE: '100000',
      INITIAL_ADMIN_EMAIL: ADMIN.email,
      INITIAL_ADMIN_PASSWORD: ADMIN.password,
      // Signed in with the password alone: the second factor is tested on its own.
      SECOND_FACTOR_REQUIRED: 'none',
    };
    api = await createApp(await testConfig({ ...settings, RUN_WORKERS: 'false' }));
    await api.listen({ port: 0, host: '127.0.0.1' });
    client = new ApiClient(await api.getUrl());
    worker = await NestFactory.createApplicationContext(
      WorkerModule.register(
        validateConfig({
          ...(await testConfig(settings)),
          ...settings,
          RUN_WORKERS: 'true',
          LOG_LEVEL: 'error',
          WORKER_METRICS_PORT: '0',
        }),
      ),
    );
    await worker.init();
  }, 120_000);

  afterAll(async () => {
    await database?.destroy();
    await worker?.close();
    await api?.close();
    await sink?.stop();
    await services?.stop();
    // The figures of the table, as this run measured them.
    if (table.length > 0) console.log(`fault-injection results:\n${JSON.stringify(table, null, 2)}`);
  }, 60_000);

  it('FLUSHALL on Redis while inquiries arrive: every acknowledgement is sent, once', async () => {
    // A slow mail server and four workers: acknowledgements wait in Redis as jobs when the flush wipes them.
    replyDelayMs = 2_000;
    let inFlightAtFault = 0;
    const queuedNotSent = async () =>
      (
        (await database.query(
          `SELECT count(*)::int AS n FROM mail_outbox WHERE status = 'pending' AND queued_at IS NOT NULL`,
        )) as Array<{ n: number }>
      )[0]!.n;
    const flush = async () => {
      // More queued than the four being sent: some jobs are only in Redis.
      await waitFor(async () => (await queuedNotSent()) > 6, 'jobs waiting in Redis', 20_000);
      inFlightAtFault = await queuedNotSent();
      const connection = new IORedis(services.redis.url);
      await connection.flushall();
      connection.disconnect();
    };
    try {
      const { emails, refused, startedAt } = await inquire(30, flush);
      const result = await acknowledgements(emails, startedAt);
      table.push({
        fault: 'Redis FLUSHALL, slow mail server',
        inquiries: emails.length,
        inFlightAtFault,
        refusedDuringFault: refused,
        ...result,
      });
      // The flush did wipe queued jobs, and their messages still went out, once each.
      expect(inFlightAtFault).toBeGreaterThan(0);
      expect(result).toMatchObject({ lost: 0, duplicated: 0 });
    } finally {
      replyDelayMs = 0;
    }
  }, 180_000);

  it('FLUSHALL on Redis: the repeatable timers run again without a restart', async () => {
    const ticks = async () => {
      const metric = (await worker.get(Metrics).registry.getSingleMetric('madoguchi_jobs_processed_total')?.get())
        ?.values;
      return (metric ?? [])
        .filter((value) => value.labels.job === 'tick' && value.labels.outcome === 'completed')
        .reduce((sum, value) => sum + value.value, 0);
    };
    const connection = new IORedis(services.redis.url);
    await connection.flushall();
    connection.disconnect();
    const before = await ticks();
    // The workers re-assert their schedules every 30 s; a notice tick then runs every NOTICE_TICK_SECONDS.
    await waitFor(async () => (await ticks()) > before, 'a notice tick after the flush', 90_000);
  }, 120_000);

  it('Postgres stopped and started while inquiries arrive: refused with 503 meanwhile, then every one acknowledged once', async () => {
    const restart = async () => {
      await services.pg.stop();
      setTimeout(() => void services.pg.start(), 3_000);
    };
    const { emails, refused, startedAt } = await inquire(20, restart);
    const result = await acknowledgements(emails, startedAt);
    table.push({ fault: 'Postgres stopped for 3 s', inquiries: emails.length, refusedDuringFault: refused, ...result });
    expect(refused).toBeGreaterThan(0);
    expect(result).toMatchObject({ lost: 0, duplicated: 0 });
  }, 180_000);

  it('Postgres gone between the mail server’s acceptance and its record: recorded when it is back, not sent again', async () => {
    // The server accepts the acknowledgement only once the database is down, so the sender cannot write "sent".
    let restarted!: Promise<void>;
    duringReply = async () => {
      await services.pg.stop();
      restarted = new Promise((resolve) => setTimeout(resolve, 2_000)).then(() => services.pg.start());
    };
    const { emails, startedAt } = await inquire(1);
    await waitFor(() => restarted !== undefined, 'the fault at the mail server', 30_000);
    await restarted;
    const result = await acknowledgements(emails, startedAt);
    table.push({
      fault: 'Postgres stopped while the server accepted',
      inquiries: emails.length,
      refusedDuringFault: 0,
      ...result,
    });
    expect(result).toMatchObject({ lost: 0, duplicated: 0 });
  }, 180_000);
});
