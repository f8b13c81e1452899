import { MailOutbox } from '@madoguchi/mail';
import { QUEUE_DRIVER, type QueueDriver } from '@madoguchi/queue';

import { deliveredMail, recipientsOf } from '../support/mail-folder';
import { startTestApp, TestApp } from '../support/test-app';

const INQUIRY = {
  name: '山田 花子',
  email: 'yamada@sakura.example.jp',
  subject: 'ログインできません',
  body: '本日朝からログインできません。',
  consent: true,
};

describe('the inquiry acknowledgement is written with the ticket (mail outbox)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('with the queue down at submission the ticket is kept and its acknowledgement goes out once, later', async () => {
    const driver = t.app.get<QueueDriver>(QUEUE_DRIVER);
    const add = driver.add.bind(driver);
    // Fault injection on our own queue driver: the queue refuses work, as during an outage.
    driver.add = () => Promise.reject(new Error('queue unavailable'));
    const created = await t.api.request('POST', '/api/v1/inquiries', INQUIRY, { 'idempotency-key': 'outbox-1' });
    expect(created.status).toBe(201);
    driver.add = add;
    expect(await deliveredMail(t.app, t.config.DATA_DIR)).toEqual([]);

    const outbox = t.app.get(MailOutbox);
    expect(await outbox.relay()).toBe(1);
    expect(await outbox.relay()).toBe(0);
    // A retried request relays again: still one message.
    const retried = await t.api.request('POST', '/api/v1/inquiries', INQUIRY, { 'idempotency-key': 'outbox-1' });
    expect(retried.json.id).toBe(created.json.id);
    const mail = await deliveredMail(t.app, t.config.DATA_DIR);
    expect(mail).toHaveLength(1);
    expect(recipientsOf(mail[0]!)).toEqual(['yamada@sakura.example.jp']);
    expect(mail[0]!.subject).toBe(`[${created.json.number}] お問い合わせを受け付けました`);
  });
});
