import { InProcessQueueDriver } from '@madoguchi/queue';

import { waitFor } from '../support/wait-for';
import { queueDriverContract } from './queue-driver.contract';

describe('InProcessQueueDriver', () => {
  describe('contract', () => {
    queueDriverContract(async () => new InProcessQueueDriver());
  });

  it('drain() resolves once queued, delayed and running jobs are all done', async () => {
    const driver = new InProcessQueueDriver();
    const done: string[] = [];
    await driver.work('q', async (job) => void done.push(job.name), { concurrency: 1 });
    await driver.add('q', 'now', {});
    await driver.add('q', 'later', {}, { delayMs: 200 });

    await driver.drain();
    expect(done).toEqual(['now', 'later']);
    await driver.close();
  });

  it('runs jobs due at the same instant in the order they were added', async () => {
    const driver = new InProcessQueueDriver();
    for (let n = 0; n < 50; n += 1) await driver.add('ordered', 'job', { n });
    const seen: number[] = [];
    await driver.work('ordered', async (job) => void seen.push((job.data as { n: number }).n), { concurrency: 1 });
    await waitFor(() => seen.length === 50, 'all jobs');
    expect(seen).toEqual([...Array(50).keys()]);
    await driver.close();
  });
});
