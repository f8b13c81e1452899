/**
 * In-process queue throughput: jobs added and completed per second through InProcessQueueDriver,
 * side by side with a baseline that runs the same no-op handler from a plain array in the same run.
 * It shows what the driver's bookkeeping (dedup map, heap, retention) costs per job.
 */
import { InProcessQueueDriver } from '@madoguchi/queue';

const JOBS = Number(process.env.BENCH_JOBS ?? 100_000);

async function baseline(): Promise<number> {
  const jobs = Array.from({ length: JOBS }, (_, n) => ({ n }));
  let done = 0;
  const started = performance.now();
  for (const job of jobs) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (job.n >= 0) done += 1;
  }
  if (done !== JOBS) throw new Error('baseline lost jobs');
  return JOBS / ((performance.now() - started) / 1000);
}

async function driver(): Promise<number> {
  const queue = new InProcessQueueDriver();
  let done = 0;
  await queue.work('bench', async () => void (done += 1), { concurrency: 1 });
  const started = performance.now();
  for (let n = 0; n < JOBS; n += 1) await queue.add('bench', 'noop', { n }, { jobId: `job-${n}` });
  await queue.drain();
  const opsPerSec = JOBS / ((performance.now() - started) / 1000);
  await queue.close();
  if (done !== JOBS) throw new Error(`driver ran ${done} of ${JOBS} jobs`);
  return opsPerSec;
}

async function main(): Promise<void> {
  const baselineOpsPerSec = await baseline();
  const opsPerSec = await driver();
  const ratio = opsPerSec / baselineOpsPerSec;
  console.table([
    { subject: 'InProcessQueueDriver add+run (dedup ids)', jobs: JOBS, 'jobs/s': Math.round(opsPerSec) },
    { subject: 'baseline: setImmediate loop', jobs: JOBS, 'jobs/s': Math.round(baselineOpsPerSec) },
  ]);
  console.log(
    JSON.stringify({
      bench: 'queue',
      jobs: JOBS,
      opsPerSec: Math.round(opsPerSec),
      baselineOpsPerSec: Math.round(baselineOpsPerSec),
      ratio: Number(ratio.toFixed(3)),
    }),
  );
}

void main();
