/**
 * The public status under an outage's traffic, on Postgres, in the production layout: an API process
 * (this one, no job processors) and a worker process (`dist/apps/worker`) sending the notices, with
 * Redis and a loopback SMTP server; the load comes from autocannon in a process of its own.
 *
 * Set-up: BENCH_SUBSCRIBERS (100,000) customers, 8 services, 90 days of resolved incidents, and one
 * ongoing major outage, so the page shows a banner, a timeline and a bar per day per service. Then,
 * in each round (BENCH_ROUNDS):
 * - throughput: as many requests as answers come, over BENCH_CONNECTIONS (100) connections, for
 *   BENCH_SECONDS (8) each: `GET /api/v1/status` and `GET /status`, each beside the baseline, a static
 *   file of the same size served by the same process (read once, sent from memory, gzipped ahead
 *   like nginx's gzip_static: the requests take gzip, as browsers' do);
 * - the fan-out alone: an incident update to every subscriber, from the POST to the last recipient
 *   accepted;
 * - the fan-out under an outage's traffic: the next update while BENCH_STATUS_RATE (1,000) requests/s
 *   reload the page and its JSON (half each) — 5 % of 864,351 customer companies with the page open,
 *   each reloading it every minute, is 720/s — with the latency of those requests.
 * Targets: each status request ≥ 0.5 × its baseline's requests/s, p99 < 50 ms, and the fan-out
 * under traffic within 1.2 × its time alone.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import type { DataSource as DataSourceType } from 'typeorm';

import { TEST_REDIS_URL } from '../support/service-urls';
import type { LoadRequest, LoadResult } from './support/load-generator';
import { createMigratedBenchDatabase } from './support/migrated-database';
import { postJson } from './support/post-json';
import { inRounds, medianRound, ROUNDS } from './support/rounds';
import { acceptedBy, seedCustomers, startSink } from './support/smtp-sink';

/* eslint-disable @typescript-eslint/no-require-imports */
const dist = join(__dirname, '../../dist');
const { createApp } = require(
  join(dist, 'apps/api/src/app.factory'),
) as typeof import('../../apps/api/src/app.factory');
const { validateConfig } = require(join(dist, 'libs/config/src')) as typeof import('@madoguchi/config');
const { DataSource } = require('typeorm') as typeof import('typeorm');

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 100_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const RATE = Number(process.env.BENCH_STATUS_RATE ?? 1_000);
const SERVICES = 8;
const ADMIN = { email: 'admin@bench.example', password: 'bench passphrase 2026' };
const TARGETS = { ratio: 0.5, p99Ms: 50, fanOutSlowdown: 1.2 };

/** autocannon in its own process; `stop()` ends an open-ended run and yields its figures. */
function load(request: LoadRequest): { done: Promise<LoadResult>; stop: () => Promise<LoadResult> } {
  const child: ChildProcess = fork(join(__dirname, 'support/load-generator.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const done = new Promise<LoadResult>((resolve, reject) => {
    child.once('message', (result) => {
      child.kill();
      resolve(result as LoadResult);
    });
    child.once('exit', (code) => (code ? reject(new Error(`the load generator exited with ${code}`)) : undefined));
  });
  child.send(request);
  return {
    done,
    stop: () => {
      child.send('stop');
      return done;
    },
  };
}

/** 90 days of resolved incidents (two or three a week, an hour or so each) on the services, published. */
async function seedHistory(dataSource: DataSourceType, serviceIds: string[]): Promise<void> {
  await dataSource.query(
    `WITH made AS (
       INSERT INTO incident (id, title, impact, status, detected_at, notice_deadline_at, published_at, resolved_at, created_at)
       SELECT gen_random_uuid(), '過去の障害 ' || g, (ARRAY['degraded','partial-outage','major-outage'])[1 + g % 3],
              'resolved', at, at + interval '1 hour', at + interval '20 minutes', at + (30 + g % 90) * interval '1 minute', at
         FROM generate_series(1, 36) g CROSS JOIN LATERAL (SELECT now() - g * interval '60 hours' AS at) t
       RETURNING id, impact, detected_at, resolved_at, title),
     served AS (
       INSERT INTO incident_service (incident_id, service_id)
       SELECT id, ($1::uuid[])[1 + abs(hashtext(title)) % array_length($1::uuid[], 1)] FROM made)
     INSERT INTO incident_update (id, incident_id, status, impact, message_ja, created_at, published_at)
     SELECT gen_random_uuid(), id, step.status, impact, step.message, step.at, step.at
       FROM made CROSS JOIN LATERAL (VALUES
         ('investigating', '事象を調査しています。', detected_at + interval '20 minutes'),
         ('resolved', '復旧しました。', resolved_at)) AS step(status, message, at)`,
    [serviceIds],
  );
}

async function main(): Promise<void> {
  const sink = await startSink();
  const dataDir = await mkdtemp(join(tmpdir(), 'madoguchi-bench-'));
  const database = await createMigratedBenchDatabase();
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    SMTP_URL: sink.url,
    INITIAL_ADMIN_EMAIL: ADMIN.email,
    INITIAL_ADMIN_PASSWORD: ADMIN.password,
    SECOND_FACTOR_REQUIRED: 'none',
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `bench-${process.pid}`,
  };
  const app = await createApp(validateConfig({ ...env, RUN_WORKERS: 'false' }));
  // The baseline: a file of the same size as the page (or JSON), read once and sent from memory —
  // gzipped ahead of time, like nginx's gzip_static, to a client that takes gzip.
  const baselines = new Map<string, { type: string; body: Buffer; gzipped: Buffer }>();
  app
    .getHttpAdapter()
    .getInstance()
    .get('/bench/baseline/:name', (request, reply) => {
      const file = baselines.get((request.params as { name: string }).name)!;
      reply.header('content-type', file.type);
      if (!/gzip/.test(request.headers['accept-encoding'] ?? '')) return reply.send(file.body);
      return reply.header('content-encoding', 'gzip').send(file.gzipped);
    });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const worker = fork(join(dist, 'apps/worker/src/main.js'), [], {
    env: { ...process.env, ...env, NODE_ENV: 'production', WORKER_METRICS_PORT: '0' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const dataSource = app.get(DataSource) as DataSourceType;
    await seedCustomers(dataSource, SUBSCRIBERS);
    const call = (path: string, body: unknown, token?: string) => postJson(base, path, body, token);
    const token = (await call('/api/v1/auth/login', ADMIN)).accessToken as string;
    const serviceIds: string[] = [];
    for (const name of [
      '管理コンソール',
      '請求',
      'API',
      'ファイル転送',
      'チャット',
      'レポート',
      '認証',
      'モバイルアプリ',
    ].slice(0, SERVICES))
      serviceIds.push((await call('/api/v1/services', { name }, token)).id as string);
    await seedHistory(dataSource, serviceIds);

    let recipientsSoFar = 0;
    /** Publishes an update on the ongoing incident (or opens it) and times it to the last recipient. */
    const fanOut = async (publish: () => Promise<unknown>) => {
      const started = Date.now();
      await publish();
      recipientsSoFar += SUBSCRIBERS;
      return (await acceptedBy(sink, recipientsSoFar, 600_000)) - started;
    };
    let incidentId = '';
    // The outage: its first notice warms everything up and is not counted.
    await fanOut(async () => {
      incidentId = (
        await call(
          '/api/v1/incidents',
          {
            title: '管理コンソールにログインできない',
            serviceIds: serviceIds.slice(0, 2),
            impact: 'major-outage',
            status: 'investigating',
            message: { ja: 'ログインできない事象を調査しています。', en: 'We are investigating failed sign-ins.' },
          },
          token,
        )
      ).id as string;
    });
    const update = (status: string) => () =>
      call(
        `/api/v1/incidents/${incidentId}/updates`,
        { status, message: { ja: `原因を調査中です（${status}）。`, en: `Still working on it (${status}).` } },
        token,
      );

    // Baselines the size of what the status answers now.
    for (const [name, path, type] of [
      ['status.json', '/api/v1/status', 'application/json; charset=utf-8'],
      ['status.html', '/status', 'text/html; charset=utf-8'],
    ] as const) {
      const body = Buffer.from(await (await fetch(`${base}${path}`)).arrayBuffer());
      baselines.set(name, { type, body, gzipped: gzipSync(body) });
    }
    const saturate = (path: string) =>
      load({ urls: [`${base}${path}`], connections: CONNECTIONS, seconds: SECONDS }).done;

    const rounds = await inRounds(async () => {
      const json = {
        status: await saturate('/api/v1/status'),
        baseline: await saturate('/bench/baseline/status.json'),
      };
      const page = { status: await saturate('/status'), baseline: await saturate('/bench/baseline/status.html') };
      const aloneMs = await fanOut(update('identified'));
      const traffic = load({
        urls: [`${base}/status`, `${base}/api/v1/status`],
        connections: CONNECTIONS,
        rate: RATE,
      });
      // The traffic runs a moment before the update, as it would in an outage.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const underTrafficMs = await fanOut(update('monitoring'));
      const during = await traffic.stop();
      const ratio = (figures: { status: LoadResult; baseline: LoadResult }) =>
        Number((figures.status.requestsPerSec / figures.baseline.requestsPerSec).toFixed(2));
      return {
        json,
        page,
        jsonRatio: ratio(json),
        pageRatio: ratio(page),
        aloneMs,
        underTrafficMs,
        slowdown: Number((underTrafficMs / aloneMs).toFixed(2)),
        during,
      };
    });
    // The median round by its weakest figure (the page's ratio).
    const headline = medianRound(rounds, (round) => round.pageRatio);
    const row = (what: string, figures: LoadResult, ratio?: number) => ({
      request: what,
      'req/s': figures.requestsPerSec,
      'p50 ms': figures.p50,
      'p99 ms': figures.p99,
      'max ms': figures.max,
      bytes: figures.bytesPerRequest,
      failures: figures.failures,
      'ratio to baseline': ratio ?? '',
    });
    console.table([
      row('GET /api/v1/status', headline.json.status, headline.jsonRatio),
      row('baseline: same-size static JSON', headline.json.baseline),
      row('GET /status (page)', headline.page.status, headline.pageRatio),
      row('baseline: same-size static HTML', headline.page.baseline),
      row(`page + JSON at ${RATE}/s during a fan-out`, headline.during),
    ]);
    console.table([
      { run: `fan-out to ${SUBSCRIBERS} alone`, seconds: headline.aloneMs / 1000 },
      { run: `fan-out to ${SUBSCRIBERS} under ${RATE} status requests/s`, seconds: headline.underTrafficMs / 1000 },
    ]);
    const p99 = Math.max(headline.json.status.p99, headline.page.status.p99, headline.during.p99);
    const met =
      headline.jsonRatio >= TARGETS.ratio &&
      headline.pageRatio >= TARGETS.ratio &&
      p99 < TARGETS.p99Ms &&
      headline.slowdown <= TARGETS.fanOutSlowdown;
    console.log(
      JSON.stringify({
        bench: 'status',
        connections: CONNECTIONS,
        jsonRequestsPerSec: headline.json.status.requestsPerSec,
        jsonRatio: headline.jsonRatio,
        pageRequestsPerSec: headline.page.status.requestsPerSec,
        pageRatio: headline.pageRatio,
        p99Ms: p99,
        fanOutAloneSeconds: headline.aloneMs / 1000,
        fanOutUnderTrafficSeconds: headline.underTrafficMs / 1000,
        fanOutSlowdown: headline.slowdown,
        targets: TARGETS,
        met,
        rounds:
          ROUNDS > 1
            ? rounds.map((round) => ({
                jsonRatio: round.jsonRatio,
                pageRatio: round.pageRatio,
                p99Ms: Math.max(round.json.status.p99, round.page.status.p99, round.during.p99),
                slowdown: round.slowdown,
              }))
            : undefined,
      }),
    );
  } finally {
    // Requests the load generator left in flight finish before the database goes.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    worker.kill('SIGTERM');
    await app.close();
    sink.stop();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
