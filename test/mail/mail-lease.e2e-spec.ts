import { MailOutboxService } from '@madoguchi/mail';
import { InProcessQueueDriver, QUEUE_DRIVER } from '@madoguchi/queue';

import { SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A server that says nothing for longer than the sender's lease (the 200-s silence against a
 * 120-s lease sent 2,000 notices twice): the lease is renewed while the transaction runs, so a second
 * job for the same message takes nothing, and the message arrives once.
 */
describe('a mail server silent for longer than the lease', () => {
  let t: TestApp;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = new SmtpSink({ silenceBeforeGreeting: (connection) => (connection === 1 ? 5_000 : 0) });
    t = await startTestApp({
      SMTP_URL: await sink.start(),
      MAIL_RELAY_INTERVAL_MS: '60000',
      NOTICE_LEASE_SECONDS: '3',
      SMTP_TIMEOUT_SECONDS: '20',
    });
  });

  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('keeps its lease while the transaction runs: a second job for the message takes nothing', async () => {
    const outbox = t.app.get(MailOutboxService);
    await outbox.add({ to: ['kato@sakura.example.jp'], subject: '受付', text: '受け付けました。' }, 'slow-server');
    const first = outbox.deliver('slow-server');
    // Past the 3-s lease, the first transaction is still waiting for the greeting.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(await outbox.deliver('slow-server')).toBeUndefined();
    expect(await first).toBe('sent');
    await (t.app.get(QUEUE_DRIVER) as InProcessQueueDriver).drain();
    expect(sink.received.map((mail) => mail.envelopeTo)).toEqual([['kato@sakura.example.jp']]);
  });
});
