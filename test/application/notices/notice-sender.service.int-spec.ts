import { type Principal } from '@madoguchi/common';
import { NoticeOutboxService, ServiceCatalogService } from '@madoguchi/notices';

// Internal to the library (its queue's consumer calls it): the spec reaches it directly.
import { NoticeSenderService } from '../../../libs/notices/src/application/notice-sender.service';
import { type ApplicationUnderTest, startApplication } from '../../support/application';
import { writeNotice } from '../../support/notice-delivery';

describe('NoticeSenderService', () => {
  let app: ApplicationUnderTest;
  let manager: Principal;

  beforeAll(async () => {
    // No job processors: nothing but this spec's calls sends (no relay, no reconciler tick).
    app = await startApplication({ RUN_WORKERS: 'false' });
    manager = await app.user('manager');
  });

  afterAll(() => app?.close());

  it('sends a batch to its pending recipients in their language, and a repeated job sends nobody twice', async () => {
    const billing = (await app.get(ServiceCatalogService).create(app.as(manager), '請求')).id;
    const organizationId = await app.organization();
    await app.user('customer', { organizationId });
    await app.user('customer', { organizationId });
    const noticeId = await writeNotice(app, billing, '障害');
    const sender = app.get(NoticeSenderService);
    const job = { noticeId, language: 'ja' as const, batchNo: 0, batches: 1 };
    expect(await sender.sendBatch(job)).toEqual({ claimed: 2, sent: 2, failed: 0, deferred: 0 });
    expect(await sender.sendBatch(job)).toEqual({ claimed: 0, sent: 0, failed: 0, deferred: 0 });
    expect(await sender.sendBatch({ ...job, language: 'en' })).toEqual({ claimed: 0, sent: 0, failed: 0, deferred: 0 });
    expect(await app.get(NoticeOutboxService).progress([noticeId])).toMatchObject({ total: 2, sent: 2, pending: 0 });
  });
});
