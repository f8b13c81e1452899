import { rm } from 'node:fs/promises';

import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

import { AppConfig, validateConfig } from '@madoguchi/config';
import { MailOutboxService } from '@madoguchi/mail';
import { MetricsServer } from '@madoguchi/observability';

import { createApp } from '../apps/api/src/app.factory';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { scrapeMetrics, TEST_METRICS_TOKEN } from './support/metrics';
import {
  createMigratedTestDatabase,
  describeWithServices,
  TEST_REDIS_URL,
  TestDatabase,
  uniqueQueuePrefix,
} from './support/services';
import { SmtpSink } from './support/smtp-sink';
import { testConfig } from './support/test-config';
import { waitFor } from './support/wait-for';

describeWithServices('service mode: Postgres, BullMQ on Redis, SMTP; API and worker apart', () => {
  const sink = new SmtpSink();
  let database: TestDatabase;
  let apiConfig: AppConfig;
  let api: NestFastifyApplication;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    database = await createMigratedTestDatabase();

    const services = {
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      SMTP_URL: await sink.start(),
      QUEUE_PREFIX: uniqueQueuePrefix(),
    };
    apiConfig = await testConfig(services);
    api = await createApp(apiConfig);
    await api.listen({ port: 0, host: '127.0.0.1' });
    worker = await NestFactory.createApplicationContext(
      WorkerModule.register(
        validateConfig({
          ...services,
          RUN_WORKERS: 'true',
          LOG_LEVEL: 'warn',
          WORKER_METRICS_PORT: '0',
          METRICS_TOKEN: TEST_METRICS_TOKEN,
        }),
      ),
    );
    await worker.init();
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await sink.stop();
    await database?.drop();
    await rm(apiConfig.DATA_DIR, { recursive: true, force: true });
  });

  it('reports Postgres and Redis in /health', async () => {
    const response = await fetch(`${await api.getUrl()}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      details: { database: { status: 'up' }, queue: { status: 'up', driver: 'bullmq' } },
    });
  });

  it('leaves processing to the worker: mail written by the API arrives once at the SMTP server', async () => {
    expect(apiConfig.runsWorkers).toBe(false);
    const outbox = api.get(MailOutboxService);
    const message = { to: ['kobayashi@example.co.jp'], subject: '障害のお知らせ', text: '復旧しました。' };
    await outbox.add(message, 'incident-3-resolved');
    await outbox.add(message, 'incident-3-resolved');

    await waitFor(() => sink.received.length >= 1, 'the message at the SMTP server');
    // Once the row is no longer pending nothing can send it again: a second copy would be here by now.
    await waitFor(async () => (await outbox.backlog()).pending === 0, 'an outbox with nothing pending');
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]!.envelopeTo).toEqual(['kobayashi@example.co.jp']);
    expect(sink.received[0]!.parsed.subject).toBe('障害のお知らせ');
    expect(sink.received[0]!.parsed.messageId).toBe('<incident-3-resolved@localhost>');
  });

  it('serves /metrics from the worker too: its jobs and the outbox backlog', async () => {
    const port = worker.get(MetricsServer).port;
    expect(port).toEqual(expect.any(Number));
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
    const text = await scrapeMetrics(`http://127.0.0.1:${port}/metrics`);
    // The message of the test above was sent by a job in this process.
    expect(text).toMatch(/^madoguchi_jobs_processed_total\{queue="mail",job="send",outcome="completed"\} [1-9]/m);
    expect(text).toMatch(/^madoguchi_mail_outbox_pending 0$/m);
    expect(text).toMatch(/^madoguchi_mail_outbox_oldest_pending_age_seconds 0$/m);
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
  });
});
