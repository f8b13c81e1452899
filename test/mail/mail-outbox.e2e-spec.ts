import { DataSource } from 'typeorm';

import { JOB_LOST_AFTER_SECONDS, MAIL_QUEUE, MailOutboxService } from '@madoguchi/mail';
import { InProcessQueueDriver, QUEUE_DRIVER, QueueService } from '@madoguchi/queue';

import { SmtpSink } from '../support/smtp-sink';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';

const REFUSED = 'nobody@sakura.example.jp';

/**
 * The outbox owns each single message until a server accepted it: driven pass by pass (the relay
 * loop's own passes are pushed out of the way) against a real SMTP server that goes away and
 * comes back on the same port.
 */
describe('mail outbox: the row owns the message until a server accepts it', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let port: number;
  let outbox: MailOutboxService;
  let dataSource: DataSource;

  const newSink = () =>
    new SmtpSink({ rejectRecipient: (address) => (address === REFUSED ? '550 5.1.1 no such user' : undefined) });
  const pass = async () => {
    const queued = await outbox.relay();
    await (t.app.get(QUEUE_DRIVER) as InProcessQueueDriver).drain();
    return queued;
  };
  const rows = async () =>
    (await dataSource.query(
      `SELECT dedup_key AS key, status, attempts, next_attempt_at > now() AS waiting, last_response AS response
         FROM mail_outbox ORDER BY dedup_key`,
    )) as Array<{ key: string; status: string; attempts: number; waiting: boolean; response: string | null }>;

  beforeAll(async () => {
    sink = newSink();
    port = Number(new URL(await sink.start()).port);
    t = await startTestApp({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_RELAY_INTERVAL_MS: '60000',
      MAIL_RETRY_BASE_SECONDS: '1',
      SMTP_TIMEOUT_SECONDS: '5',
    });
    outbox = t.app.get(MailOutboxService);
    dataSource = t.app.get(DataSource);
    await pass(); // the start-up pass, if it has not run yet
  });

  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('an SMTP server away keeps messages pending on the retry schedule; back, each goes out once and a 550 is refused once', async () => {
    await sink.stop();
    await outbox.add({ to: ['yamada@sakura.example.jp'], subject: '受付', text: '受け付けました。' }, 'a-ack');
    await outbox.add({ to: [REFUSED], subject: '受付', text: '受け付けました。' }, 'b-refused');

    expect(await pass()).toBe(2);
    let state = await rows();
    expect(state.map(({ key, status, attempts, waiting }) => ({ key, status, attempts, waiting }))).toEqual([
      { key: 'a-ack', status: 'pending', attempts: 1, waiting: true },
      { key: 'b-refused', status: 'pending', attempts: 1, waiting: true },
    ]);
    expect(state[0]!.response).toMatch(/ECONNREFUSED|connect/i);
    // Not due yet: nothing is queued, nothing tried.
    expect(await pass()).toBe(0);

    sink = newSink();
    await sink.start(port);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await pass()).toBe(2);
    state = await rows();
    expect(state.map(({ key, status, attempts }) => ({ key, status, attempts }))).toEqual([
      { key: 'a-ack', status: 'sent', attempts: 2 },
      { key: 'b-refused', status: 'failed', attempts: 2 },
    ]);
    expect(state[1]!.response).toContain('550');
    expect(sink.received.map((mail) => mail.envelopeTo)).toEqual([['yamada@sakura.example.jp']]);

    // Settled rows are never queued again.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await pass()).toBe(0);
    expect(sink.received).toHaveLength(1);
  });

  it('a job lost by the queue (Redis flushed) is queued again after JOB_LOST_AFTER_SECONDS, and the message goes out once', async () => {
    const driver = t.app.get<InProcessQueueDriver>(QUEUE_DRIVER);
    const addBulk = driver.addBulk.bind(driver);
    // Fault injection on our own queue driver: it takes the jobs and forgets them.
    driver.addBulk = (_queue, jobs) => Promise.resolve(jobs.map((_, index) => `lost-${index}`));
    try {
      await outbox.add({ to: ['sato@sakura.example.jp'], subject: '受付', text: '受け付けました。' }, 'c-lost');
      expect(await pass()).toBe(1);
    } finally {
      driver.addBulk = addBulk;
    }
    // Its job is gone; within the requeue delay the row is trusted to have one.
    expect(await pass()).toBe(0);
    await dataSource.query(
      `UPDATE mail_outbox SET queued_at = queued_at - make_interval(secs => $1 + 1) WHERE dedup_key = 'c-lost'`,
      [JOB_LOST_AFTER_SECONDS],
    );
    expect(await pass()).toBe(1);
    expect((await rows()).find((row) => row.key === 'c-lost')).toMatchObject({ status: 'sent', attempts: 1 });
    expect(sink.received.filter((mail) => mail.envelopeTo[0] === 'sato@sakura.example.jp')).toHaveLength(1);
  });

  it('a message given up after its retry window is listed for admins and sent again on request, once, audited', async () => {
    await outbox.add({ to: ['ito@sakura.example.jp'], subject: '受付', text: '受け付けました。' }, 'd-given-up');
    // Written two days ago: its 48-hour window has closed, so the next try gives it up without sending.
    await dataSource.query(
      `UPDATE mail_outbox SET created_at = now() - interval '49 hours' WHERE dedup_key = 'd-given-up'`,
    );
    expect(await pass()).toBe(1);
    expect((await rows()).find((row) => row.key === 'd-given-up')).toMatchObject({ status: 'gave_up' });

    const admin = t.api.as(await t.api.login(ADMIN.email, ADMIN.password));
    const overview = (await admin.get('/api/v1/admin/mail')).json;
    expect(overview.backlog).toMatchObject({ gaveUp: 1 });
    expect(overview.givenUp).toEqual([
      expect.objectContaining({ dedupKey: 'd-given-up', to: ['ito@sakura.example.jp'], subject: '受付' }),
    ]);
    const resent = await admin.post('/api/v1/admin/mail/resend', { dedupKeys: ['d-given-up'] });
    expect([resent.status, resent.json]).toEqual([200, { resent: 1, dedupKeys: ['d-given-up'] }]);
    expect(await pass()).toBe(1);
    expect((await rows()).find((row) => row.key === 'd-given-up')).toMatchObject({ status: 'sent', attempts: 1 });
    expect(sink.received.filter((mail) => mail.envelopeTo[0] === 'ito@sakura.example.jp')).toHaveLength(1);
    // Nothing is given up any more: a second request resends nothing.
    expect((await admin.post('/api/v1/admin/mail/resend', {})).json).toEqual({ resent: 0, dedupKeys: [] });
    const audited = await dataSource.query(`SELECT summary FROM audit_event WHERE action = 'mail.resend'`);
    expect(audited).toEqual([{ summary: { count: 1, dedupKeys: ['d-given-up'] } }]);
  });

  it('a job queued before the outbox owned its messages (the message itself as data) is taken into the outbox and sent once', async () => {
    // As the migration leaves it: the row was handed to the queue, so it reads as sent, never tried.
    await dataSource.query(
      `INSERT INTO mail_outbox (dedup_key, message, status, sent_at) VALUES ('d-legacy', '{}'::jsonb, 'sent', now())`,
    );
    const queue = t.app.get(QueueService);
    await queue.add(MAIL_QUEUE, 'send', {
      to: ['kato@sakura.example.jp'],
      subject: '受付',
      text: '受け付けました。',
      messageId: 'd-legacy@localhost',
    });
    await (t.app.get(QUEUE_DRIVER) as InProcessQueueDriver).drain();

    expect((await rows()).find((row) => row.key === 'd-legacy')).toMatchObject({ status: 'sent', attempts: 1 });
    const copies = sink.received.filter((mail) => mail.envelopeTo[0] === 'kato@sakura.example.jp');
    expect(copies.map((mail) => mail.parsed.messageId)).toEqual(['<d-legacy@localhost>']);
  });
});
