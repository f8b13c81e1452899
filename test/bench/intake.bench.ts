/**
 * Intake throughput: autocannon against POST /api/v1/inquiries, side by side with a baseline route
 * in the same app that does one plain INSERT through the same pool; on Postgres (+ BullMQ on Redis)
 * and on the embedded default. Afterwards it counts rows: tickets created must equal 2xx answers.
 * BENCH_ROUNDS=n repeats the Postgres measurement n times and reports the median round (and all of them).
 * Runs the compiled app (`npm run bench` builds first): Nest needs the decorator metadata tsc emits.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import autocannon from 'autocannon';
import type { DataSource as DataSourceType } from 'typeorm';

import { TEST_REDIS_URL } from '../support/service-urls';
import { cpuSnapshot, cpuSpentSince } from './support/cpu-accounting';
import { createMigratedBenchDatabase } from './support/migrated-database';
import { inRounds, medianRound } from './support/rounds';

/* eslint-disable @typescript-eslint/no-require-imports */
const dist = join(__dirname, '../../dist');
const { createApp } = require(
  join(dist, 'apps/api/src/app.factory'),
) as typeof import('../../apps/api/src/app.factory');
const { validateConfig } = require(join(dist, 'libs/config/src')) as typeof import('@madoguchi/config');
const { DataSource } = require('typeorm') as typeof import('typeorm');

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);

const INQUIRY = JSON.stringify({
  name: '山田 花子',
  company: '株式会社さくら商事',
  email: 'yamada@sakura.example.jp',
  category: 'technical',
  subject: 'ログインできません',
  body: '本日朝からログインできません。エラーメッセージは表示されません。',
  consent: true,
});

interface Run {
  requestsPerSec: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

async function load(url: string, body: string): Promise<Run> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: CONNECTIONS,
    duration: DURATION_S,
  });
  return {
    requestsPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

async function measure(mode: 'postgres' | 'embedded') {
  const dataDir = await mkdtemp(join(tmpdir(), 'madoguchi-bench-'));
  const database = mode === 'postgres' ? await createMigratedBenchDatabase() : null;
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    INQUIRY_RATE_LIMIT_PER_MINUTE: '1000000',
  };
  if (database) {
    Object.assign(env, { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: `bench-${process.pid}` });
  }
  const app = await createApp(validateConfig(env));
  const dataSource = app.get(DataSource) as DataSourceType;
  await dataSource.query(
    `CREATE TABLE bench_baseline (id bigserial PRIMARY KEY, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
  );
  // The baseline: the same HTTP stack and pool, one INSERT, nothing else.
  app
    .getHttpAdapter()
    .getInstance()
    .post('/bench/baseline', async (request, reply) => {
      await dataSource.query(`INSERT INTO bench_baseline (payload) VALUES ($1)`, [JSON.stringify(request.body)]);
      return reply.status(201).send({ ok: true });
    });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = await app.getUrl();
  try {
    let cpuBefore = cpuSnapshot();
    const baseline = { ...(await load(`${base}/bench/baseline`, INQUIRY)), cpuSeconds: cpuSpentSince(cpuBefore) };
    cpuBefore = cpuSnapshot();
    const intake = { ...(await load(`${base}/api/v1/inquiries`, INQUIRY)), cpuSeconds: cpuSpentSince(cpuBefore) };
    // autocannon stops without waiting for requests in flight: let them finish before counting.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const [{ count }] = (await dataSource.query(`SELECT count(*)::int AS count FROM ticket`)) as Array<{
      count: number;
    }>;
    return { mode, baseline, intake, ticketsInDatabase: count };
  } finally {
    await app.close();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const rounds = await inRounds(() => measure('postgres'));
  const ratioOf = (round: Awaited<ReturnType<typeof measure>>) =>
    Number((round.intake.requestsPerSec / round.baseline.requestsPerSec).toFixed(3));
  const results = [medianRound(rounds, ratioOf)];
  // 2xx answers without a ticket row (requests still in flight at the cut-off may add rows, never remove them).
  const lostIn = (round: Awaited<ReturnType<typeof measure>>) => Math.max(0, round.intake.ok - round.ticketsInDatabase);
  if (!process.env.BENCH_SKIP_EMBEDDED) results.push(await measure('embedded'));
  console.table(
    results.flatMap((r) => [
      {
        mode: r.mode,
        route: 'POST /api/v1/inquiries',
        'req/s': r.intake.requestsPerSec,
        'p50 ms': r.intake.p50,
        'p99 ms': r.intake.p99,
        '2xx': r.intake.ok,
        'not 2xx': r.intake.failed,
        'tickets in db': r.ticketsInDatabase,
      },
      {
        mode: r.mode,
        route: 'baseline: one INSERT',
        'req/s': r.baseline.requestsPerSec,
        'p50 ms': r.baseline.p50,
        'p99 ms': r.baseline.p99,
        '2xx': r.baseline.ok,
        'not 2xx': r.baseline.failed,
        'tickets in db': '',
      },
    ]),
  );
  const [postgres, embedded] = results as [
    Awaited<ReturnType<typeof measure>>,
    ...Array<Awaited<ReturnType<typeof measure>>>,
  ];
  console.log(
    JSON.stringify({
      bench: 'intake',
      opsPerSec: postgres.intake.requestsPerSec,
      baselineOpsPerSec: postgres.baseline.requestsPerSec,
      ratio: ratioOf(postgres),
      // Every round (BENCH_ROUNDS); the figures here are the median round's.
      rounds: rounds.map((round) => ({
        opsPerSec: round.intake.requestsPerSec,
        baselineOpsPerSec: round.baseline.requestsPerSec,
        ratio: ratioOf(round),
        p99Ms: round.intake.p99,
        lost: lostIn(round),
      })),
      p50Ms: postgres.intake.p50,
      p99Ms: postgres.intake.p99,
      lost: Math.max(...rounds.map(lostIn)), // in any round
      // Where the time goes: CPU seconds per process during each load (autocannon runs in this process).
      cpuSeconds: postgres.intake.cpuSeconds,
      baselineCpuSeconds: postgres.baseline.cpuSeconds,
      ...(embedded && {
        embeddedOpsPerSec: embedded.intake.requestsPerSec,
        embeddedBaselineOpsPerSec: embedded.baseline.requestsPerSec,
        embeddedP99Ms: embedded.intake.p99,
        embeddedLost: Math.max(0, embedded.intake.ok - embedded.ticketsInDatabase),
      }),
    }),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
