import { MAIL_QUEUE } from '@madoguchi/mail';
import { type QueueDefinition, QueueService } from '@madoguchi/queue';

import { type ApplicationUnderTest, startApplication } from '../../support/application';
import { waitFor } from '../../support/wait-for';

describe('QueueService', () => {
  let app: ApplicationUnderTest;

  beforeAll(async () => {
    app = await startApplication();
  });

  afterAll(() => app?.close());

  it('keeps a job that fails for good, with its reason, where admins see it', async () => {
    const queues = app.get(QueueService);
    // A job name the mail queue has no consumer for (the types refuse one; a stale deploy might not).
    const withStrayJob = MAIL_QUEUE as unknown as QueueDefinition<{ 'no-such-job': Record<string, never> }>;
    await queues.add(withStrayJob, 'no-such-job', {}, { jobId: 'spec-unhandled', attempts: 1 });
    const mailQueue = async () => (await queues.overview()).find((queue) => queue.queue === MAIL_QUEUE.name)!;
    await waitFor(async () => (await mailQueue()).failed.length > 0, 'the job to fail');
    expect((await mailQueue()).failed).toEqual([
      expect.objectContaining({
        id: 'spec-unhandled',
        name: 'no-such-job',
        failedReason: expect.stringContaining('No consumer'),
      }),
    ]);
    expect((await queues.overview()).map((queue) => queue.queue)).toEqual(
      expect.arrayContaining(['mail', 'mail-alarm', 'notice-delivery']),
    );
  });
});
