import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { DataSource } from 'typeorm';

import { MailOutboxService } from '@madoguchi/mail';
import { QUEUE_DRIVER, type QueueDriver } from '@madoguchi/queue';

import { deliveredMail, recipientsOf } from '../support/mail-folder';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

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
    // The relay loop's own passes are pushed out of the way: this test runs the passes itself.
    t = await startTestApp({ MAIL_RELAY_INTERVAL_MS: '60000' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('with the queue down the ticket is kept, its acknowledgement waits in the outbox and goes out once, later', async () => {
    const outbox = t.app.get(MailOutboxService);
    await outbox.relay(); // the start-up pass, if it has not run yet
    const created = await t.api.request('POST', '/api/v1/inquiries', INQUIRY, { 'idempotency-key': 'outbox-1' });
    expect(created.status).toBe(201);

    const driver = t.app.get<QueueDriver>(QUEUE_DRIVER);
    const add = driver.add.bind(driver);
    // Fault injection on our own queue driver: the queue refuses work, as during an outage.
    driver.add = () => Promise.reject(new Error('queue unavailable'));
    try {
      await expect(outbox.relay()).rejects.toThrow('queue unavailable');
    } finally {
      driver.add = add;
    }
    expect(await deliveredMail(t.app, t.config.DATA_DIR)).toHaveLength(1);
    expect(await outbox.relay()).toBe(0);
    // A retried request answers as before and writes nothing new: still one message.
    const retried = await t.api.request('POST', '/api/v1/inquiries', INQUIRY, { 'idempotency-key': 'outbox-1' });
    expect(retried.json.id).toBe(created.json.id);
    const mail = await deliveredMail(t.app, t.config.DATA_DIR);
    expect(mail).toHaveLength(1);
    expect(recipientsOf(mail[0]!)).toEqual(['yamada@sakura.example.jp']);
    expect(mail[0]!.subject).toBe(`[${created.json.number}] お問い合わせを受け付けました`);
    // The row owned the message until the transport accepted it, and says so.
    expect(
      await t.app.get(DataSource).query(`SELECT status, attempts, sent_at IS NOT NULL AS sent FROM mail_outbox`),
    ).toEqual([{ status: 'sent', attempts: 1, sent: true }]);
  });
});

describe('the relay loop', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ MAIL_RELAY_INTERVAL_MS: '100' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('hands the acknowledgement to the queue by itself, shortly after the answer', async () => {
    const created = await t.api.request('POST', '/api/v1/inquiries', INQUIRY);
    expect(created.status).toBe(201);
    // Nobody relays explicitly here: the worker loop of this (embedded) process does.
    let files: string[] = [];
    await waitFor(async () => {
      files = (await readdir(join(t.config.DATA_DIR, 'mail')).catch(() => [] as string[])).filter((file) =>
        file.endsWith('.eml'),
      );
      return files.length > 0;
    }, 'the acknowledgement written by the mail worker');
    expect(files).toHaveLength(1);
    expect(await t.app.get(MailOutboxService).relay()).toBe(0);
  });
});
