import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

import { BullMqQueueDriver, JobContext } from '@madoguchi/queue';

import { startOwnRedis } from '../support/own-redis';
import { describeWithRedis, TEST_REDIS_URL, uniqueQueuePrefix } from '../support/services';
import { waitFor } from '../support/wait-for';
import { queueDriverContract } from './queue-driver.contract';

describeWithRedis('BullMqQueueDriver (real Redis)', () => {
  describe('contract', () => {
    queueDriverContract(async () => new BullMqQueueDriver({ redisUrl: TEST_REDIS_URL, prefix: uniqueQueuePrefix() }));
  });

  it('reports the Redis eviction policy', async () => {
    const driver = new BullMqQueueDriver({ redisUrl: TEST_REDIS_URL, prefix: uniqueQueuePrefix() });
    await expect(driver.checkRedisPolicy()).resolves.toEqual(expect.any(String));
    await driver.close();
  });

  it('shuts down while Redis is gone, even with a job running that cannot be marked done', async () => {
    const redis = await startOwnRedis();
    const driver = new BullMqQueueDriver({ redisUrl: redis.url, prefix: uniqueQueuePrefix() });
    let release: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    await driver.work(
      'work',
      async () => {
        started = true;
        await running;
      },
      { concurrency: 1 },
    );
    await driver.add('work', 'job', {}, { jobId: 'stuck.1' });
    await waitFor(() => started, 'the job to start');
    // Redis dies under the running job; the job then finishes, but cannot be recorded as done.
    await redis.kill();
    release();
    // The shutdown gives running jobs their grace, then stops: it returns instead of waiting for Redis.
    await expect(driver.close()).resolves.toBeUndefined();
  }, 30_000);

  describe('a worker killed with SIGKILL mid-job', () => {
    let child: ChildProcess | undefined;

    afterEach(() => {
      if (child && child.exitCode === null) child.kill('SIGKILL');
    });

    it('leaves the job to be picked up again by another worker', async () => {
      const prefix = uniqueQueuePrefix();
      const lockDurationMs = 1000;
      const producer = new BullMqQueueDriver({ redisUrl: TEST_REDIS_URL, prefix, lockDurationMs });
      const jobId = await producer.add('work', 'long-task', { ticket: 'MD-1' }, { jobId: 'long-task.1' });

      child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../fixtures/hanging-queue-worker.ts')], {
        env: {
          ...process.env,
          REDIS_URL: TEST_REDIS_URL,
          QUEUE_PREFIX: prefix,
          LOCK_DURATION_MS: String(lockDurationMs),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await waitFor(() => output.includes(`started ${jobId}`), 'the child worker to take the job', 30_000);

      child.kill('SIGKILL');
      await new Promise((resolve) => child!.once('exit', resolve));

      const resumed: JobContext[] = [];
      await producer.work('work', async (job) => void resumed.push(job), { concurrency: 1 });
      await waitFor(() => resumed.length === 1, 'the stalled job to be picked up again', 30_000);
      expect(resumed[0]).toMatchObject({ id: jobId, name: 'long-task', data: { ticket: 'MD-1' } });
      // The handler returns before BullMQ records the completion: wait for the record, not a moment.
      await waitFor(async () => (await producer.counts('work')).completed === 1, 'the job recorded completed');
      await producer.close();
    });
  });
});
