import { type Principal, SettableClock } from '@madoguchi/common';
import { NoticeOutboxService, ServiceCatalogService } from '@madoguchi/notices';

import { type ApplicationUnderTest, startApplication } from '../../support/application';
import { writeNotice } from '../../support/notice-delivery';
import { waitFor } from '../../support/wait-for';

describe('NoticeOutboxService', () => {
  const clock = new SettableClock(Date.now());
  let app: ApplicationUnderTest;
  let outbox: NoticeOutboxService;
  let manager: Principal;
  let billing: string;

  beforeAll(async () => {
    app = await startApplication({}, { clock });
    outbox = app.get(NoticeOutboxService);
    manager = await app.user('manager');
    billing = (await app.get(ServiceCatalogService).create(app.as(manager), '請求')).id;
    const uses = await app.organization('使う会社');
    await app.user('customer', { organizationId: uses });
    await app.user('customer', { organizationId: uses });
    await app.query(
      `INSERT INTO notice_extra_recipient (id, organization_id, email, language) VALUES (gen_random_uuid(), $1, 'oncall@uses.example', 'en')`,
      [uses],
    );
  });

  afterAll(() => app?.close());

  it('owns one delivery row per recipient from the notice’s commit, and relaying sends each once', async () => {
    const noticeId = await writeNotice(app, billing, '障害');
    expect(await outbox.progress([noticeId])).toEqual({ total: 3, sent: 0, pending: 3, failed: 0, gaveUp: 0 });
    expect((await outbox.backlog()).batches).toBeGreaterThan(0);
    await outbox.relayPromptly([noticeId]);
    await waitFor(async () => (await outbox.progress([noticeId])).sent === 3, 'every recipient to be sent');
    expect(await outbox.relay(noticeId)).toBe(0);
    const mail = await app.deliveredMail();
    const subjects = mail.map((message) => message.subject).sort();
    expect(subjects).toEqual(['EN 障害', '障害', '障害']);
    expect(await outbox.backlog()).toEqual({ batches: 0, oldestAgeSeconds: 0 });
  });
});
