/**
 * Incident fan-out: one notice to 100,000 subscribers, from `POST /api/v1/incidents` to the last
 * recipient accepted by a loopback SMTP server (its own process), through the whole system: the
 * Postgres outbox, BullMQ on Redis, the senders with their per-recipient ledger. The baseline in
 * the same run hands the same messages (same batches of recipients) straight to nodemailer's pool
 * and the same kind of sink. Then the embedded mode (PGlite, in-process queue) with SMTP.
 * Runs the compiled app (`npm run bench` builds first). BENCH_SUBSCRIBERS changes the count,
 * BENCH_BATCH the recipients per SMTP transaction (both sides), BENCH_SKIP_EMBEDDED=1 skips the embedded run,
 * BENCH_ROUNDS=n repeats baseline + Postgres run n times and reports the median round (and all of them).
 * Each run also reports the CPU seconds every process used (Linux), to show where the time goes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createTransport } from 'nodemailer';
import type { DataSource as DataSourceType } from 'typeorm';

import { TEST_REDIS_URL } from '../support/service-urls';
import { cpuSnapshot, cpuSpentSince } from './support/cpu-accounting';
import { createMigratedBenchDatabase } from './support/migrated-database';
import { postJson } from './support/post-json';
import { inRounds, medianRound } from './support/rounds';
import { acceptedBy, seedCustomers, startSink } from './support/smtp-sink';

/* eslint-disable @typescript-eslint/no-require-imports */
const dist = join(__dirname, '../../dist');
const { createApp } = require(
  join(dist, 'apps/api/src/app.factory'),
) as typeof import('../../apps/api/src/app.factory');
const { validateConfig } = require(join(dist, 'libs/config/src')) as typeof import('@madoguchi/config');
const { DataSource } = require('typeorm') as typeof import('typeorm');

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 100_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 100);
const CONNECTIONS = 5;
const ADMIN = { email: 'admin@bench.example', password: 'bench passphrase 2026' };

async function system(mode: 'postgres' | 'embedded') {
  const sink = await startSink();
  const dataDir = await mkdtemp(join(tmpdir(), 'madoguchi-bench-'));
  const database = mode === 'postgres' ? await createMigratedBenchDatabase() : null;
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    SMTP_URL: sink.url,
    INITIAL_ADMIN_EMAIL: ADMIN.email,
    INITIAL_ADMIN_PASSWORD: ADMIN.password,
    // Signed in with the password alone: the second factor is tested on its own.
    SECOND_FACTOR_REQUIRED: 'none',
    RUN_WORKERS: 'true',
    NOTICE_BATCH_SIZE: String(BATCH),
    SMTP_MAX_CONNECTIONS: String(CONNECTIONS),
    // Tuning knobs pass through when set (the app's defaults otherwise).
    ...Object.fromEntries(
      ['NOTICE_DELIVERY_CONCURRENCY', 'NOTICE_BATCHES_PER_JOB']
        .filter((name) => process.env[name])
        .map((name) => [name, process.env[name]!]),
    ),
  };
  if (database) {
    Object.assign(env, { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: `bench-${process.pid}` });
  }
  const app = await createApp(validateConfig(env));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = await app.getUrl();
  try {
    const dataSource = app.get(DataSource) as DataSourceType;
    await seedCustomers(dataSource, SUBSCRIBERS);
    const call = (path: string, body: unknown, token?: string) => postJson(base, path, body, token);
    const token = (await call('/api/v1/auth/login', ADMIN)).accessToken as string;
    const service = (await call('/api/v1/services', { name: '管理コンソール' }, token)).id as string;
    const started = Date.now();
    const cpuBefore = cpuSnapshot();
    const incident = await call(
      '/api/v1/incidents',
      {
        title: '管理コンソールにログインできない',
        serviceIds: [service],
        impact: 'major-outage',
        status: 'investigating',
        message: { ja: 'ログインできない事象を調査しています。', en: 'We are investigating failed sign-ins.' },
      },
      token,
    );
    const publishedMs = Date.now() - started;
    const lastAt = await acceptedBy(sink, SUBSCRIBERS, 600_000);
    const cpuSeconds = cpuSpentSince(cpuBefore);
    const seconds = (lastAt - started) / 1000;
    // The sink may count a batch's acceptance a moment before its sender records it: wait for the
    // ledger to settle (no recipient pending) before reading it.
    const ledgerOf = async () =>
      (
        (await dataSource.query(
          `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*) FILTER (WHERE status = 'pending')::int AS pending,
                count(*)::int AS total
           FROM notice_delivery WHERE notice_id IN (SELECT notice_id FROM incident_update WHERE incident_id = $1)`,
          [incident.id],
        )) as Array<{ sent: number; pending: number; total: number }>
      )[0]!;
    let ledger = await ledgerOf();
    for (const deadline = Date.now() + 30_000; ledger.pending > 0 && Date.now() < deadline; ledger = await ledgerOf())
      await new Promise((resolve) => setTimeout(resolve, 50));
    return {
      mode,
      seconds,
      publishedMs,
      recipientsPerSec: Math.round(SUBSCRIBERS / seconds),
      ledger,
      cpuSeconds,
    };
  } finally {
    await app.close();
    sink.stop();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The same messages, the same batches, straight to nodemailer's pool: no database, no queue, no ledger. */
async function baseline() {
  const sink = await startSink();
  const transport = createTransport({
    url: sink.url,
    pool: true,
    maxConnections: CONNECTIONS,
    maxMessages: Infinity,
  } as never);
  const addresses = Array.from({ length: SUBSCRIBERS }, (_, n) => `c${n + 1}@d${(n + 1) % 50}.example`);
  const text = 'ログインできない事象を調査しています。\n\n'.repeat(3);
  const started = Date.now();
  const cpuBefore = cpuSnapshot();
  const batches: string[][] = [];
  for (let i = 0; i < addresses.length; i += BATCH) batches.push(addresses.slice(i, i + BATCH));
  let next = 0;
  // As many sends in flight as the pool has connections (nodemailer queues the rest anyway).
  await Promise.all(
    Array.from({ length: CONNECTIONS * 2 }, async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        await transport.sendMail({
          from: 'support@bench.example',
          to: 'support@bench.example',
          envelope: { from: 'support@bench.example', to: batch },
          subject: '【障害のお知らせ】管理コンソールにログインできない',
          text,
          html: `<p>${text}</p>`,
          messageId: '<notice.bench.ja@bench.example>',
        });
      }
    }),
  );
  const lastAt = await acceptedBy(sink, SUBSCRIBERS, 600_000);
  const cpuSeconds = cpuSpentSince(cpuBefore);
  transport.close();
  sink.stop();
  const seconds = (lastAt - started) / 1000;
  return { seconds, recipientsPerSec: Math.round(SUBSCRIBERS / seconds), cpuSeconds };
}

async function main(): Promise<void> {
  const rounds = await inRounds(async () => {
    const base = await baseline();
    const postgres = await system('postgres');
    return { base, postgres, ratio: Number((postgres.recipientsPerSec / base.recipientsPerSec).toFixed(3)) };
  });
  const { base, postgres, ratio } = medianRound(rounds, (round) => round.ratio);
  const spread = rounds.map((round) => ({
    seconds: round.postgres.seconds,
    baselineSeconds: round.base.seconds,
    ratio: round.ratio,
  }));
  if (process.env.BENCH_SKIP_EMBEDDED)
    return console.log(JSON.stringify({ ...postgres, baseline: base, ratio, rounds: spread }));
  const embedded = await system('embedded');
  console.table([
    {
      run: 'baseline: nodemailer pool, same batches',
      seconds: base.seconds,
      'recipients/s': base.recipientsPerSec,
      ledger: '',
    },
    ...[postgres, embedded].map((r) => ({
      run: `Madoguchi (${r.mode}): publish → last recipient accepted`,
      seconds: r.seconds,
      'recipients/s': r.recipientsPerSec,
      ledger: `${r.ledger.sent}/${r.ledger.total} sent (POST answered in ${r.publishedMs} ms)`,
    })),
  ]);
  console.log(
    JSON.stringify({
      bench: 'fanout',
      recipients: SUBSCRIBERS,
      seconds: postgres.seconds,
      recipientsPerSec: postgres.recipientsPerSec,
      baselineRecipientsPerSec: base.recipientsPerSec,
      ratio,
      // Every round (BENCH_ROUNDS); the figures above are the median round's.
      rounds: spread,
      // Where the time goes: CPU seconds per process during each run (the sink is "node").
      cpuSeconds: postgres.cpuSeconds,
      baselineCpuSeconds: base.cpuSeconds,
      embeddedSeconds: embedded.seconds,
      embeddedRecipientsPerSec: embedded.recipientsPerSec,
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
