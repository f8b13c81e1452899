import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { simpleParser } from 'mailparser';

import { AppConfig } from '@madoguchi/config';
import { MailOutboxService } from '@madoguchi/mail';
import { InProcessQueueDriver, QUEUE_DRIVER } from '@madoguchi/queue';

import { createApp } from '../apps/api/src/app.factory';
import { scrapeMetrics, TEST_METRICS_TOKEN } from './support/metrics';
import { testConfig } from './support/test-config';

describe('the API on the embedded default (empty DATA_DIR)', () => {
  let app: NestFastifyApplication;
  let config: AppConfig;
  let baseUrl: string;

  beforeAll(async () => {
    config = await testConfig();
    app = await createApp(config);
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await rm(config.DATA_DIR, { recursive: true, force: true });
  });

  it('answers /health with the database and queue up', async () => {
    const response = await fetch(`${baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      details: { database: { status: 'up' }, queue: { status: 'up', driver: 'in-process' } },
    });
    expect((await fetch(`${baseUrl}/health/ready`)).status).toBe(200);
    expect(await (await fetch(`${baseUrl}/health/live`)).json()).toEqual({ status: 'ok' });
  });

  it('created its PGlite files under DATA_DIR and migrated them', async () => {
    expect(await readdir(join(config.DATA_DIR, 'pglite'))).toContain('PG_VERSION');
  });

  it('serves the OpenAPI document', async () => {
    const response = await fetch(`${baseUrl}/api/docs-json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/health', '/health/ready', '/health/live']));
    expect((await fetch(`${baseUrl}/api/docs`)).status).toBe(200);
  });

  it('documents the body of every operation’s success (a 204 has none) and every error as a problem', async () => {
    type Response = { content?: Record<string, { schema?: unknown }> };
    const document = (await (await fetch(`${baseUrl}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, Response> }>>;
    };
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
    );
    const undocumented = operations.filter(({ operation }) => {
      const successes = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      return (
        successes.length === 0 ||
        successes.some(
          ([status, response]) =>
            status !== '204' && !Object.values(response.content ?? {}).some((media) => media.schema),
        )
      );
    });
    const errorsNotProblems = operations.filter(({ operation }) =>
      Object.entries(operation.responses).some(
        ([status, response]) => Number(status) >= 400 && !response.content?.['application/problem+json']?.schema,
      ),
    );
    expect(operations.length).toBeGreaterThan(100);
    expect(undocumented.map(({ name }) => name)).toEqual([]);
    expect(errorsNotProblems.map(({ name }) => name)).toEqual([]);
  });

  it('answers an unknown path with a problem+json 404 and a request id', async () => {
    const response = await fetch(`${baseUrl}/api/v1/no-such-thing`, { headers: { 'x-request-id': 'req-e2e-1' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json(;|$)/);
    expect(response.headers.get('x-request-id')).toBe('req-e2e-1');
    expect(await response.json()).toEqual({
      type: 'https://madoguchi.dev/problems/resource/not-found',
      title: 'Not found',
      status: 404,
      code: 'resource.not-found',
      detail: expect.stringContaining('/api/v1/no-such-thing'),
      instance: '/api/v1/no-such-thing',
      requestId: 'req-e2e-1',
    });
  });

  it('exposes Prometheus metrics, including request latency by route', async () => {
    await fetch(`${baseUrl}/health/live`);
    // Not for anyone: only the scraper's token (or a signed-in admin) reads it.
    expect((await fetch(`${baseUrl}/metrics`)).status).toBe(401);
    const response = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } });
    expect(response.headers.get('content-type')).toContain('text/plain');
    const body = await response.text();
    expect(body).toMatch(
      /madoguchi_http_request_duration_seconds_count\{method="GET",route="\/health\/live",status="200"\} \d+/,
    );
    expect(body).toContain('madoguchi_process_cpu_seconds_total');
  });

  it('sends outbox mail through the in-process queue into DATA_DIR/mail, once per dedup key', async () => {
    const outbox = app.get(MailOutboxService);
    const message = { to: ['sato@example.co.jp'], subject: '受付のお知らせ', text: 'お問い合わせを受け付けました。' };
    await outbox.add(message, 'ack-MD-2026-000001');
    await outbox.add(message, 'ack-MD-2026-000001');
    await outbox.relay();
    await (app.get(QUEUE_DRIVER) as InProcessQueueDriver).drain();

    const files = await readdir(join(config.DATA_DIR, 'mail'));
    expect(files).toHaveLength(1);
    const parsed = await simpleParser(await readFile(join(config.DATA_DIR, 'mail', files[0]!)));
    expect(parsed.subject).toBe('受付のお知らせ');
    expect(parsed.messageId).toBe('<ack-MD-2026-000001@localhost>');
    const metrics = await scrapeMetrics(`${baseUrl}/metrics`);
    expect(metrics).toMatch(
      /madoguchi_mail_messages_total\{transport="file",route="standard",outcome="sent",code="none"\} 1/,
    );
    expect(metrics).toMatch(/madoguchi_jobs_processed_total\{queue="mail",job="send",outcome="completed"\} 1/);
  });
});
