/**
 * KPI report speed on Postgres: 1,000,000 tickets and 2,000,000 calls over two years (plus agents'
 * presence), then a month's KPI report and a two-year monthly trend through the compiled app's
 * KpiReportService, side by side with a baseline in the same run that only counts the period's tickets
 * and calls. Medians of several runs after one warm-up.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { DataSource as DataSourceType } from 'typeorm';

import { createMigratedBenchDatabase } from './support/migrated-database';

/* eslint-disable @typescript-eslint/no-require-imports */
const dist = join(__dirname, '../../dist');
const { createApp } = require(
  join(dist, 'apps/api/src/app.factory'),
) as typeof import('../../apps/api/src/app.factory');
const { validateConfig } = require(join(dist, 'libs/config/src')) as typeof import('@madoguchi/config');
const { KpiReportService } = require(join(dist, 'libs/kpi/src')) as typeof import('@madoguchi/kpi');
const { KpiRepository } = require(
  join(dist, 'libs/kpi/src/infrastructure/kpi.repository'),
) as typeof import('../../libs/kpi/src/infrastructure/kpi.repository');
const { CalendarService } = require(
  join(dist, 'libs/business-calendar/src'),
) as typeof import('@madoguchi/business-calendar');
const { timeBuckets } = require(
  join(dist, 'libs/kpi/src/domain/time-buckets'),
) as typeof import('../../libs/kpi/src/domain/time-buckets');
const { DataSource } = require('typeorm') as typeof import('typeorm');

const TICKETS = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 2_000_000);
const START = '2024-12-01T00:00:00+09:00';
const END = '2026-12-01T00:00:00+09:00';
const MONTH = { from: new Date('2026-10-01T00:00:00+09:00'), to: new Date('2026-11-01T00:00:00+09:00') };

/**
 * Server-side generation: tickets and calls spread evenly over the two years (calls round the clock,
 * so most fall outside open hours), 20 agents' days; tickets are solved within days, as at a live
 * desk: only some of the last two weeks' are still open.
 */
async function generate(dataSource: DataSourceType): Promise<void> {
  await dataSource.query(
    `INSERT INTO ticket (id, number, requester_name, requester_email, channel, category, priority, status, subject,
                         calendar_id, first_response_due_at, first_response_warn_at, resolution_due_at,
                         resolution_warn_at, first_responded_at, solved_at, created_at, updated_at)
     SELECT gen_random_uuid(), 'B-' || g, '顧客 ' || g, 'c' || g || '@example.jp',
            (ARRAY['web', 'email', 'phone'])[1 + g % 3], (ARRAY['general', 'billing', 'technical'])[1 + g % 3],
            (ARRAY['normal', 'normal', 'high', 'urgent'])[1 + g % 4],
            CASE WHEN t > $3::timestamptz - interval '14 days' AND g % 2 = 0 THEN 'open' ELSE 'solved' END, '件名 ' || g, 'support-hours',
            t + interval '4 hours', t + interval '3 hours', t + interval '3 days', t + interval '2 days',
            t + (g % 360) * interval '1 minute', CASE WHEN t > $3::timestamptz - interval '14 days' AND g % 2 = 0 THEN NULL ELSE t + (g % 96) * interval '1 hour' END,
            t, t
       FROM generate_series(1, $1::int) AS g,
            LATERAL (SELECT $2::timestamptz + (g - 1) * ($3::timestamptz - $2::timestamptz) / $1::int AS t) AS at`,
    [TICKETS, START, END],
  );
  await dataSource.query(
    `INSERT INTO telephony_call (id, source, pbx_call_id, queue, caller_number, entered_at, answered_at, ended_at,
                                 outcome, wait_seconds, talk_seconds, agent)
     SELECT gen_random_uuid(), 'asterisk', 'b' || g, 'support', '03' || g, t,
            CASE WHEN g % 10 >= 2 THEN t + (g % 60) * interval '1 second' END,
            t + (g % 60 + 180) * interval '1 second',
            CASE WHEN g % 10 = 0 THEN 'abandoned' WHEN g % 10 = 1 THEN 'timeout' ELSE 'answered' END,
            g % 60, CASE WHEN g % 10 >= 2 THEN 180 END, 'Agent/' || (1000 + g % 20)
       FROM generate_series(1, $1::int) AS g,
            LATERAL (SELECT $2::timestamptz + (g - 1) * ($3::timestamptz - $2::timestamptz) / $1::int AS t) AS at`,
    [CALLS, START, END],
  );
  await dataSource.query(
    `INSERT INTO agent_presence_change (agent, at, state, reason, source)
     SELECT 'Agent/' || (1000 + a), d + change.offset_time, change.state, change.reason, 'pbx'
       FROM generate_series($1::timestamptz, $2::timestamptz - interval '1 day', interval '1 day') AS d,
            generate_series(0, 19) AS a,
            (VALUES (interval '8 hours 55 minutes', 'available', NULL), (interval '12 hours', 'paused', 'lunch'),
                    (interval '13 hours', 'available', NULL), (interval '17 hours 5 minutes', 'offline', NULL))
              AS change(offset_time, state, reason)`,
    [START, END],
  );
  // As autovacuum would by then: statistics, and the visibility map that index-only scans rely on.
  await dataSource.query(`VACUUM ANALYZE`);
}

async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let n = 0; n < runs; n += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'madoguchi-bench-'));
  const database = await createMigratedBenchDatabase();
  const app = await createApp(validateConfig({ DATA_DIR: dataDir, DATABASE_URL: database.url, LOG_LEVEL: 'error' }));
  try {
    await app.init();
    const dataSource = app.get(DataSource) as DataSourceType;
    const generating = performance.now();
    await generate(dataSource);
    const generatedSeconds = (performance.now() - generating) / 1000;
    const reports = app.get(KpiReportService);
    const baselineCount = (from: Date, to: Date) =>
      Promise.all([
        dataSource.query(`SELECT count(*) FROM ticket WHERE created_at >= $1 AND created_at < $2`, [from, to]),
        dataSource.query(`SELECT count(*) FROM telephony_call WHERE entered_at >= $1 AND entered_at < $2`, [from, to]),
      ]);
    const all = { from: new Date(START), to: new Date(END) };
    const month = await median(5, () => reports.report(MONTH));
    const monthBaseline = await median(5, () => baselineCount(MONTH.from, MONTH.to));
    const trend = await median(3, () => reports.report({ ...all, groupBy: 'month' }));
    const trendBaseline = await median(3, () => baselineCount(all.from, all.to));
    const sample = await reports.report(MONTH);
    // Where the trend's time goes: each aggregate on its own.
    const repository = app.get(KpiRepository);
    const calendar = await app.get(CalendarService).calendar('support-hours');
    const query = {
      ...all,
      now: new Date(END),
      open: calendar.openIntervals(all.from.getTime(), all.to.getTime()),
      definition: sample.definition,
    };
    const byMonth = {
      kind: 'time',
      buckets: timeBuckets(all.from.getTime(), all.to.getTime(), 'month', 'Asia/Tokyo'),
    } as const;
    const breakdown = async (q: typeof query, grouping: Parameters<typeof repository.calls>[1]) => {
      const parts: Record<string, number> = {};
      for (const name of ['calls', 'tickets', 'operating'] as const)
        parts[name] = Math.round(await median(3, () => repository[name](q, grouping)));
      parts.backlog = Math.round(await median(3, () => repository.backlog(q.to)));
      return parts;
    };
    const parts = await breakdown(query, byMonth);
    const monthParts = await breakdown(
      { ...query, ...MONTH, open: calendar.openIntervals(MONTH.from.getTime(), MONTH.to.getTime()) },
      { kind: 'total' },
    );
    console.log(`month report by aggregate (ms): ${JSON.stringify(monthParts)}`);
    console.log(`two-year trend by aggregate (ms): ${JSON.stringify(parts)}`);
    console.log(
      `generated ${TICKETS} tickets and ${CALLS} calls in ${generatedSeconds.toFixed(0)} s; month: ${sample.calls.offered} calls offered, abandonment ${sample.kpis.abandonmentRate.value}`,
    );
    console.log(
      JSON.stringify({
        bench: 'kpi',
        tickets: TICKETS,
        calls: CALLS,
        monthMs: Math.round(month),
        monthBaselineMs: Math.round(monthBaseline),
        trendMs: Math.round(trend),
        trendBaselineMs: Math.round(trendBaseline),
        monthRatio: Number((month / monthBaseline).toFixed(2)),
        trendRatio: Number((trend / trendBaseline).toFixed(2)),
      }),
    );
  } finally {
    await app.close();
    // BENCH_KEEP_DB=1 leaves the generated database for EXPLAIN ANALYZE (its URL is printed).
    if (process.env.BENCH_KEEP_DB === '1') console.log(`kept ${database.url}`);
    else await database.drop();
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
