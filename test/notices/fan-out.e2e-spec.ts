import { rm } from 'node:fs/promises';

import type { NestFastifyApplication } from '@nestjs/platform-fastify';

import type { AppConfig } from '@madoguchi/config';

import { createApp } from '../../apps/api/src/app.factory';
import { ApiClient } from '../support/api-client';
import { type AppProcess, spawnAppProcess } from '../support/app-process';
import { publishIncident, settledDelivery } from '../support/notice-delivery';
import { seedSubscribers } from '../support/seed-subscribers';
import {
  createMigratedTestDatabase,
  describeWithServices,
  TEST_REDIS_URL,
  TestDatabase,
  uniqueQueuePrefix,
} from '../support/services';
import { SmtpSink } from '../support/smtp-sink';
import { ADMIN } from '../support/test-app';
import { testConfig } from '../support/test-config';

const SUBSCRIBERS = 5_000;

describeWithServices('incident fan-out to 5,000 subscribers: Postgres outbox, BullMQ, a real SMTP server', () => {
  let database: TestDatabase;
  let subscribers: string[];
  const refused = new Set<string>();
  const apps: NestFastifyApplication[] = [];
  const configs: AppConfig[] = [];
  const sinks: SmtpSink[] = [];
  const workers: AppProcess[] = [];

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
  }, 120_000);

  afterAll(async () => {
    for (const worker of workers) await worker.kill();
    for (const app of apps) await app.close();
    for (const sink of sinks) await sink.stop();
    await database?.drop();
    for (const config of configs) await rm(config.DATA_DIR, { recursive: true, force: true });
  });

  // One scenario's processes never outlive it: a leftover worker would deliver the next one's mail.
  afterEach(async () => {
    while (workers.length > 0) await workers.pop()!.kill();
    while (apps.length > 0) await apps.pop()!.close();
  });

  async function startApi(sink: SmtpSink, extra: Record<string, string>) {
    const services = {
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      SMTP_URL: await sink.start(),
      QUEUE_PREFIX: uniqueQueuePrefix(),
      INITIAL_ADMIN_EMAIL: ADMIN.email,
      INITIAL_ADMIN_PASSWORD: ADMIN.password,
      // Signed in with the password alone: the second factor is tested on its own.
      SECOND_FACTOR_REQUIRED: 'none',
      NOTICE_LEASE_SECONDS: '3',
      SMTP_TIMEOUT_SECONDS: '2',
      NOTICE_TICK_SECONDS: '1',
      MAIL_RETRY_BASE_SECONDS: '1',
      MAIL_RETRY_MAX_DELAY_SECONDS: '2',
      ...extra,
    };
    const config = await testConfig(services);
    const app = await createApp(config);
    await app.listen({ port: 0, host: '127.0.0.1' });
    apps.push(app);
    configs.push(config);
    sinks.push(sink);
    const api = new ApiClient(await app.getUrl());
    return { services, api: api.as(await api.login(ADMIN.email, ADMIN.password)) };
  }

  it('each subscriber gets the notice once: 421 for every tenth message is retried, 550 recipients are failed and quarantined', async () => {
    const sink = new SmtpSink({
      rejectRecipient: (address) => (refused.has(address) ? '550 5.1.1 no such user' : undefined),
      refuseData: (transaction) => (transaction % 10 === 0 ? '421 4.3.2 busy, try again later' : undefined),
    });
    const { api } = await startApi(sink, { RUN_WORKERS: 'true' });
    // After the first start (which creates the initial admin, as it does only in an empty database).
    subscribers = await seedSubscribers(database.url, SUBSCRIBERS);
    for (let i = 0; i < 25; i++) refused.add(subscribers[i * 197]!);
    const id = await publishIncident(api, '管理コンソール停止');
    const delivery = await settledDelivery(api, `/api/v1/incidents/${id}`);

    expect(delivery).toEqual({
      total: SUBSCRIBERS,
      sent: SUBSCRIBERS - refused.size,
      pending: 0,
      failed: refused.size,
      gaveUp: 0,
    });
    const copies = sink.copiesByRecipient();
    const expected = subscribers.filter((address) => !refused.has(address));
    expect([...copies.keys()].sort()).toEqual(expected);
    expect([...copies.values()].filter((entry) => entry.copies !== 1)).toEqual([]);
    // Every tenth message was refused with 421 and sent again.
    expect(sink.transactions).toBeGreaterThan(Math.ceil(SUBSCRIBERS / configs.at(-1)!.NOTICE_BATCH_SIZE));

    const quarantine = (await api.get('/api/v1/mail-quarantine')).json.items as Array<{
      email: string;
      reason: string;
    }>;
    expect(quarantine.map((q) => q.email).sort()).toEqual([...refused].sort());
    expect(quarantine[0]!.reason).toContain('550');
  }, 180_000);

  it('a worker process killed with kill -9 mid-run and restarted: every recipient still gets the notice, under one Message-ID', async () => {
    let killed!: () => void;
    const killedMidRun = new Promise<void>((resolve) => (killed = resolve));
    const sink = new SmtpSink({
      beforeReply: async (transaction) => {
        if (transaction !== 20) return;
        await workers[0]!.kill();
        killed();
      },
      // The killed worker never reads a reply to that message: nothing was accepted.
      refuseData: (transaction) => (transaction === 20 ? '421 4.3.2 sender gone' : undefined),
    });
    const { api, services } = await startApi(sink, { RUN_WORKERS: 'false' });
    const startWorker = async () =>
      workers.push(await spawnAppProcess('worker', { ...services, DATA_DIR: configs.at(-1)!.DATA_DIR }));
    await startWorker();
    const id = await publishIncident(api, '請求停止');
    await killedMidRun;
    const atKill = (await api.get(`/api/v1/incidents/${id}`)).json.delivery;
    expect(atKill.sent).toBeGreaterThan(0);
    expect(atKill.pending).toBeGreaterThan(0);
    await startWorker();
    const delivery = await settledDelivery(api, `/api/v1/incidents/${id}`);

    const expected = subscribers.filter((address) => !refused.has(address)); // quarantined ones are left out
    expect(delivery).toEqual({ total: expected.length, sent: expected.length, pending: 0, failed: 0, gaveUp: 0 });
    const copies = sink.copiesByRecipient();
    expect([...copies.keys()].sort()).toEqual(expected);
    // Every copy a recipient got is the same message: a batch whose acceptance the killed worker
    // had not yet recorded may arrive twice, and then with the same Message-ID (receivers collapse
    // it). At most the batches of the jobs in flight at the kill can be affected.
    expect([...copies.values()].filter((entry) => entry.messageIds.size !== 1)).toEqual([]);
    const duplicated = [...copies.values()].filter((entry) => entry.copies > 1).length;
    const { NOTICE_DELIVERY_CONCURRENCY, NOTICE_BATCHES_PER_JOB, NOTICE_BATCH_SIZE } = configs.at(-1)!;
    expect(duplicated).toBeLessThanOrEqual(NOTICE_DELIVERY_CONCURRENCY * NOTICE_BATCHES_PER_JOB * NOTICE_BATCH_SIZE);
    process.stdout.write(`kill -9 mid-run: ${duplicated} recipient(s) got a second copy of the same message\n`);
  }, 240_000);

  it('a greylisting server (10 % of addresses 421 + connection closed until a second after first seen) and 1 % refused: everyone else gets the notice once', async () => {
    const audience = subscribers.filter((address) => !refused.has(address)); // quarantined in the first scenario
    const greylisted = new Set(audience.filter((_, i) => i % 10 === 3));
    const unknown = new Set(audience.filter((_, i) => i % 100 === 7));
    const firstSeen = new Map<string, number>();
    const refusals = new Map<string, number>();
    const sink = new SmtpSink({
      greylist: (address) => {
        if (!greylisted.has(address)) return false;
        const seen = firstSeen.get(address) ?? Date.now();
        firstSeen.set(address, seen);
        return Date.now() - seen < 1_000;
      },
      rejectRecipient: (address) => {
        if (!unknown.has(address)) return undefined;
        refusals.set(address, (refusals.get(address) ?? 0) + 1);
        return '550 5.1.1 no such user';
      },
    });
    const { api } = await startApi(sink, { RUN_WORKERS: 'true' });
    const id = await publishIncident(api, '請求画面の表示遅延');
    const delivery = await settledDelivery(api, `/api/v1/incidents/${id}`);

    expect(delivery).toEqual({
      total: audience.length,
      sent: audience.length - unknown.size,
      pending: 0,
      failed: unknown.size,
      gaveUp: 0,
    });
    const copies = sink.copiesByRecipient();
    expect([...copies.keys()].sort()).toEqual(audience.filter((address) => !unknown.has(address)));
    expect([...copies.values()].filter((entry) => entry.copies !== 1)).toEqual([]);
    // A 550 beside a 421 in one transaction is lost with the closed connection, so an unknown
    // address can be refused again while its batch is split; never once it is recorded.
    const timesRefused = [...refusals.values()];
    process.stdout.write(
      `greylisting: ${sink.transactions} transactions, 550 refusals per unknown address: max ${Math.max(...timesRefused)}, mean ${(timesRefused.reduce((a, b) => a + b, 0) / timesRefused.length).toFixed(2)}\n`,
    );
    expect(Math.max(...timesRefused)).toBeLessThanOrEqual(8);
  }, 180_000);
});
