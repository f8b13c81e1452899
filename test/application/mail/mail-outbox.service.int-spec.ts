import { UnitOfWork } from '@madoguchi/database';
import { MailOutboxService } from '@madoguchi/mail';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

const MAIL = { to: ['hanako@example.jp'], subject: '受付のお知らせ', text: '受け付けました。' };

describe('MailOutboxService', () => {
  let app: ApplicationUnderTest;
  let outbox: MailOutboxService;

  beforeAll(async () => {
    app = await startApplication();
    outbox = app.get(MailOutboxService);
  });

  afterAll(() => app?.close());

  it('owns a message from its transaction’s commit and delivers it once per key', async () => {
    await app.get(UnitOfWork).run(async (transaction) => {
      await outbox.write(transaction, MAIL, 'spec.once');
      await outbox.write(transaction, { ...MAIL, subject: '二通目' }, 'spec.once');
    });
    expect((await outbox.backlog()).pending).toBeGreaterThan(0);
    const delivered = (await app.deliveredMail()).filter((mail) => mail.subject === MAIL.subject);
    expect(delivered).toHaveLength(1);
    expect(await app.query(`SELECT status FROM mail_outbox WHERE dedup_key = 'spec.once'`)).toEqual([
      { status: 'sent' },
    ]);
    expect(await outbox.backlog()).toEqual({ pending: 0, oldestAgeSeconds: 0, gaveUp: 0 });
  });

  it('writes nothing for a transaction that rolls back', async () => {
    await expect(
      app.get(UnitOfWork).run(async (transaction) => {
        await outbox.write(transaction, MAIL, 'spec.rolled-back');
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    expect(await app.query(`SELECT 1 FROM mail_outbox WHERE dedup_key = 'spec.rolled-back'`)).toEqual([]);
  });
});
