import { MailOutboxService, MailResendService } from '@madoguchi/mail';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

describe('MailResendService', () => {
  let app: ApplicationUnderTest;

  beforeAll(async () => {
    // No job processors: the given-up messages stay as this spec leaves them.
    app = await startApplication({ RUN_WORKERS: 'false' });
  });

  afterAll(() => app?.close());

  it('sends given-up messages again with a fresh window, audited; nothing given up resends nothing', async () => {
    const outbox = app.get(MailOutboxService);
    await outbox.add({ to: ['a@example.jp'], subject: 'A', text: 'a' }, 'spec.a');
    await outbox.add({ to: ['b@example.jp'], subject: 'B', text: 'b' }, 'spec.b');
    // The retry window closed while the mail server was away.
    await app.query(`UPDATE mail_outbox SET status = 'gave_up', attempts = 12 WHERE dedup_key LIKE 'spec.%'`);
    expect((await outbox.givenUp()).map((mail) => mail.dedupKey).sort()).toEqual(['spec.a', 'spec.b']);
    const admin = await app.user('admin');
    const resends = app.get(MailResendService);
    expect(await resends.resend(app.as(admin), ['spec.a'])).toEqual(['spec.a']);
    expect(await app.query(`SELECT status, attempts FROM mail_outbox WHERE dedup_key = 'spec.a'`)).toEqual([
      { status: 'pending', attempts: 0 },
    ]);
    expect(await resends.resend(app.as(admin))).toEqual(['spec.b']);
    expect(await resends.resend(app.as(admin))).toEqual([]);
    expect((await app.audited('mail.resend')).map((entry) => entry.summary)).toEqual([
      { count: 1, dedupKeys: ['spec.a'] },
      { count: 1, dedupKeys: ['spec.b'] },
    ]);
  });
});
