import { randomBytes } from 'node:crypto';

import { InvalidJobIdError, JobContext, QueueDriver } from '@madoguchi/queue';

import { sleep, waitFor } from '../support/wait-for';

/**
 * What every queue driver must do, run against each implementation: the application code on top
 * must not be able to tell which driver it is on.
 */
export function queueDriverContract(makeDriver: () => Promise<QueueDriver>): void {
  let driver: QueueDriver;
  let queue: string;

  beforeEach(async () => {
    driver = await makeDriver();
    queue = `contract-${randomBytes(3).toString('hex')}`;
  });

  afterEach(async () => {
    await driver.close();
  });

  it('delivers a job with its name and data, after add() has returned', async () => {
    const received: JobContext[] = [];
    let addReturned = false;
    let ranBeforeAddReturned = false;
    await driver.work(
      queue,
      async (job) => {
        ranBeforeAddReturned ||= !addReturned;
        received.push(job);
      },
      { concurrency: 2 },
    );

    const id = await driver.add(queue, 'greet', { hello: 'こんにちは' });
    addReturned = true;

    await waitFor(() => received.length === 1, 'the job to run');
    expect(ranBeforeAddReturned).toBe(false);
    expect(received[0]).toEqual({ id, queue, name: 'greet', data: { hello: 'こんにちは' }, attempt: 1 });
    await sleep(200);
    expect(received).toHaveLength(1);
  });

  it('retries a failing job with exponential backoff until it succeeds', async () => {
    const attempts: Array<{ attempt: number; at: number }> = [];
    await driver.work(
      queue,
      async (job) => {
        attempts.push({ attempt: job.attempt, at: Date.now() });
        if (job.attempt < 3) throw new Error(`failure ${job.attempt}`);
      },
      { concurrency: 1 },
    );

    await driver.add(queue, 'flaky', {}, { attempts: 3, backoff: { type: 'exponential', delayMs: 200 } });

    await waitFor(() => attempts.length === 3, 'three attempts');
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    const firstGap = attempts[1]!.at - attempts[0]!.at;
    const secondGap = attempts[2]!.at - attempts[1]!.at;
    // Timers may fire a few ms early relative to Date.now() resolution; backoff doubles: 200 ms, then 400 ms.
    expect(firstGap).toBeGreaterThanOrEqual(190);
    expect(secondGap).toBeGreaterThanOrEqual(390);
    expect((await driver.counts(queue)).failed).toBe(0);
  });

  it('holds a delayed job until its delay has passed', async () => {
    const ranAt: number[] = [];
    await driver.work(queue, async () => void ranAt.push(Date.now()), { concurrency: 1 });
    const addedAt = Date.now();
    await driver.add(queue, 'later', {}, { delayMs: 600 });
    expect((await driver.counts(queue)).delayed).toBe(1);

    await waitFor(() => ranAt.length === 1, 'the delayed job');
    expect(ranAt[0]! - addedAt).toBeGreaterThanOrEqual(590);
  });

  it('deduplicates by jobId, while waiting and after completion', async () => {
    expect(await driver.add(queue, 'once', { n: 1 }, { jobId: 'ticket-42.ack' })).toBe('ticket-42.ack');
    expect(await driver.add(queue, 'once', { n: 2 }, { jobId: 'ticket-42.ack' })).toBe('ticket-42.ack');
    const received: unknown[] = [];
    await driver.work(queue, async (job) => void received.push(job.data), { concurrency: 2 });
    await waitFor(() => received.length === 1, 'the job to run');

    await driver.add(queue, 'once', { n: 3 }, { jobId: 'ticket-42.ack' });
    await sleep(300);
    expect(received).toEqual([{ n: 1 }]);
  });

  it('keeps a job that keeps failing in the failed set, with its error', async () => {
    await driver.work(
      queue,
      async () => {
        throw new Error('SMTP said no');
      },
      { concurrency: 1 },
    );

    const id = await driver.add(
      queue,
      'doomed',
      { to: 'a@example.com' },
      {
        attempts: 2,
        backoff: { type: 'fixed', delayMs: 50 },
      },
    );

    await waitFor(async () => (await driver.counts(queue)).failed === 1, 'the job to fail');
    const failed = await driver.failedJobs(queue);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      id,
      queue,
      name: 'doomed',
      data: { to: 'a@example.com' },
      attemptsMade: 2,
      failedReason: 'SMTP said no',
    });
    expect(failed[0]!.failedAt).toBeInstanceOf(Date);
  });

  it('refuses job ids that BullMQ cannot store', async () => {
    await expect(driver.add(queue, 'x', {}, { jobId: 'a:b' })).rejects.toBeInstanceOf(InvalidJobIdError);
    await expect(driver.add(queue, 'x', {}, { jobId: '123' })).rejects.toBeInstanceOf(InvalidJobIdError);
  });

  it('runs a repeatable job on its schedule until it is removed', async () => {
    const runs: unknown[] = [];
    await driver.work(queue, async (job) => void runs.push(job.data), { concurrency: 1 });
    await driver.upsertRepeatable(queue, 'heartbeat', 'beat', { source: 'schedule' }, { everyMs: 250 });

    await waitFor(() => runs.length >= 2, 'two scheduled runs', 5000);
    await driver.removeRepeatable(queue, 'heartbeat');
    await sleep(300);
    const afterRemoval = runs.length;
    await sleep(600);
    expect(runs.length).toBe(afterRemoval);
    expect(runs[0]).toEqual({ source: 'schedule' });
  });

  it('lets running jobs finish when it closes', async () => {
    let finished = false;
    let started = false;
    await driver.work(
      queue,
      async () => {
        started = true;
        await sleep(400);
        finished = true;
      },
      { concurrency: 1 },
    );
    await driver.add(queue, 'slow', {});
    await waitFor(() => started, 'the job to start');

    await driver.close();
    expect(finished).toBe(true);
    driver = await makeDriver(); // afterEach closes a driver
  });

  it('answers ping while open', async () => {
    await expect(driver.ping()).resolves.toBeUndefined();
  });
}
