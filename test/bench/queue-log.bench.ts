/**
 * PBX import throughput and memory: a generated Asterisk queue_log of 100k and 1M lines uploaded
 * over HTTP to the compiled app on Postgres and imported by its job, side by side with a baseline
 * in the same run that only reads the file and splits its lines into fields. Peak RSS is sampled
 * during each import, to show memory stays flat as the file grows. Afterwards it counts rows.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';

import type { DataSource as DataSourceType } from 'typeorm';

import { createMigratedBenchDatabase } from './support/migrated-database';

/* eslint-disable @typescript-eslint/no-require-imports */
const dist = join(__dirname, '../../dist');
const { createApp } = require(
  join(dist, 'apps/api/src/app.factory'),
) as typeof import('../../apps/api/src/app.factory');
const { validateConfig } = require(join(dist, 'libs/config/src')) as typeof import('@madoguchi/config');
const { DataSource } = require('typeorm') as typeof import('typeorm');

const SIZES = (process.env.BENCH_LINES ?? '100000,1000000').split(',').map(Number);
const ADMIN = { email: 'bench@madoguchi.test', password: 'bench passphrase 2026' };

/**
 * Writes `lines` lines of a queue_log with the mix of the real export in ../shared/data (about six
 * lines per queued call, three of them RINGNOANSWER; outbound OUT* lines the import counts as
 * unknown; agents pausing): 80% answered, 15% abandoned, 5% timed out.
 */
async function generate(path: string, lines: number): Promise<{ calls: number }> {
  const out = createWriteStream(path);
  let written = 0;
  let calls = 0;
  let epoch = 1_764_460_800;
  const agents = Array.from({ length: 20 }, (_, n) => `Agent/${1001 + n}`);
  const write = async (text: string) => {
    written += 1;
    if (!out.write(`${text}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  while (written < lines) {
    epoch += 7;
    const id = `${epoch}.${calls}`;
    const agent = agents[calls % agents.length]!;
    const kind = calls % 20;
    calls += 1;
    await write(`${epoch}|${id}|support|NONE|ENTERQUEUE||0312${String(calls % 1_000_000).padStart(6, '0')}|1`);
    for (let ring = 0; ring < 1 + (calls % 5); ring += 1)
      await write(`${epoch + 10 * ring + 10}|${id}|support|${agents[(calls + ring) % 20]}|RINGNOANSWER|10000`);
    if (kind < 3) {
      await write(`${epoch + 9}|${id}|support|NONE|ABANDON|1|1|9`);
    } else if (kind === 3) {
      await write(`${epoch + 300}|${id}|support|NONE|EXITWITHTIMEOUT|1|1|300`);
    } else {
      await write(`${epoch + 62}|${id}|support|${agent}|CONNECT|62|${epoch + 62}.5|3`);
      await write(`${epoch + 250}|${id}|support|${agent}|COMPLETECALLER|62|188|1`);
    }
    if (kind === 5) await write(`${epoch + 1}|${epoch + 1}.9|NONE|${agent}|OUTDIAL|0312345678`);
    if (kind === 7) {
      await write(`${epoch + 251}|NONE|support|${agent}|PAUSE|after-call work`);
      await write(`${epoch + 300}|NONE|support|${agent}|UNPAUSE|`);
    }
  }
  out.end();
  await finished(out);
  return { calls };
}

/** The baseline: read the file and split every line into its fields, nothing more. */
async function readAndSplit(path: string): Promise<{ lines: number; seconds: number }> {
  const started = performance.now();
  let lines = 0;
  let fields = 0;
  let rest = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024 })) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    for (const line of parts) {
      fields += line.split('|').length;
      lines += 1;
    }
  }
  if (rest) lines += 1;
  if (fields === 0) throw new Error('baseline read nothing');
  return { lines, seconds: (performance.now() - started) / 1000 };
}

const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

async function importOverHttp(base: string, token: string, path: string) {
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const started = performance.now();
  try {
    const accepted = await fetch(`${base}/api/v1/telephony/imports?format=asterisk-queue-log`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: Readable.toWeb(createReadStream(path)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    if (accepted.status !== 202) throw new Error(`upload answered ${accepted.status}: ${await accepted.text()}`);
    const { id } = (await accepted.json()) as { id: string };
    const uploadSeconds = (performance.now() - started) / 1000;
    for (;;) {
      const report = (await (
        await fetch(`${base}/api/v1/telephony/imports/${id}`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { status: string; linesRead: number; callsCreated: number; linesSkipped: number; failure: string };
      if (report.status === 'failed') throw new Error(`import failed: ${report.failure}`);
      if (report.status === 'completed') {
        const seconds = (performance.now() - started) / 1000;
        collectGarbage();
        return {
          ...report,
          uploadSeconds,
          seconds,
          peakRssDeltaMb: (peakRss - rssBefore) / 2 ** 20,
          // What the import left behind once garbage is collected: zero when nothing leaks.
          retainedHeapMb: (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20,
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    clearInterval(sampler);
  }
}

async function main(): Promise<void> {
  const workDir = await mkdtemp(join(tmpdir(), 'madoguchi-bench-'));
  const database = await createMigratedBenchDatabase();
  const app = await createApp(
    validateConfig({
      DATA_DIR: workDir,
      DATABASE_URL: database.url,
      LOG_LEVEL: 'error',
      INITIAL_ADMIN_EMAIL: ADMIN.email,
      INITIAL_ADMIN_PASSWORD: ADMIN.password,
      // Signed in with the password alone: the second factor is tested on its own.
      SECOND_FACTOR_REQUIRED: 'none',
    }),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = await app.getUrl();
  const rows = [];
  try {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const dataSource = app.get(DataSource) as DataSourceType;
    for (const size of SIZES) {
      const path = join(workDir, `queue_log-${size}`);
      const { calls } = await generate(path, size);
      const megabytes = (await stat(path)).size / 2 ** 20;
      const baseline = await readAndSplit(path);
      await dataSource.query(`TRUNCATE telephony_call, agent_presence_change`);
      const imported = await importOverHttp(base, accessToken, path);
      const [{ count }] = (await dataSource.query(`SELECT count(*)::int AS count FROM telephony_call`)) as Array<{
        count: number;
      }>;
      if (imported.linesRead !== baseline.lines || count !== calls || imported.linesSkipped !== 0)
        throw new Error(`import lost data: ${JSON.stringify({ imported, baseline, calls, count })}`);
      rows.push({
        lines: size,
        megabytes: Number(megabytes.toFixed(1)),
        calls,
        'lines/call': Number((size / calls).toFixed(1)),
        'import lines/s': Math.round(imported.linesRead / imported.seconds),
        'baseline lines/s': Math.round(baseline.lines / baseline.seconds),
        'import calls/s': Math.round(calls / imported.seconds),
        'import s': Number(imported.seconds.toFixed(2)),
        'of which upload s': Number(imported.uploadSeconds.toFixed(2)),
        'peak RSS +MB': Math.round(imported.peakRssDeltaMb),
        'retained heap MB': Number(imported.retainedHeapMb.toFixed(1)),
      });
    }
  } finally {
    await app.close();
    await database.drop();
    await rm(workDir, { recursive: true, force: true });
  }
  console.table(rows);
  const largest = rows.at(-1)!;
  const smallest = rows[0]!;
  console.log(
    JSON.stringify({
      bench: 'queue-log',
      lines: largest.lines,
      opsPerSec: largest['import lines/s'],
      baselineOpsPerSec: largest['baseline lines/s'],
      ratio: Number((largest['import lines/s'] / largest['baseline lines/s']).toFixed(3)),
      peakRssDeltaMb: { [smallest.lines]: smallest['peak RSS +MB'], [largest.lines]: largest['peak RSS +MB'] },
      retainedHeapMb: {
        [smallest.lines]: smallest['retained heap MB'],
        [largest.lines]: largest['retained heap MB'],
      },
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
