import { Client } from 'pg';
import { DataSource } from 'typeorm';

import { IncidentAlertService } from '@madoguchi/notices';

import { NoticeSenderService } from '../../libs/notices/src/application/notice-sender.service';
import type { SendBatchJob } from '../../libs/notices/src/application/notices.queue';
import type { ApiClient } from '../support/api-client';
import { scrapeMetrics } from '../support/metrics';
import {
  createMigratedTestDatabase,
  describeWithServices,
  TEST_REDIS_URL,
  TestDatabase,
  uniqueQueuePrefix,
} from '../support/services';
import { SmtpSink } from '../support/smtp-sink';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const CONTACTS = ['a@d1.example', 'b@d1.example', 'c@d2.example'];
const greylisted = new Set<string>();

/**
 * The batch lease, driven step by step: no worker runs (RUN_WORKERS=false), the test calls the
 * sender itself and plays a second sender with its own database connection.
 */
describeWithServices('notice sender: batch leases', () => {
  let database: TestDatabase;
  let sink: SmtpSink;
  let testApp: TestApp;
  let api: ApiClient;
  let sender: NoticeSenderService;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    sink = new SmtpSink({ greylist: (address) => greylisted.has(address) });
    testApp = await startTestApp({
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: uniqueQueuePrefix(),
      SMTP_URL: await sink.start(),
      RUN_WORKERS: 'false',
    });
    api = testApp.api.as(await testApp.api.login(ADMIN.email, ADMIN.password));
    sender = testApp.app.get(NoticeSenderService);
    dataSource = testApp.app.get(DataSource);
    const [org] = (await dataSource.query(
      `INSERT INTO organization (id, name) VALUES (gen_random_uuid(), 'さくら商事') RETURNING id`,
    )) as Array<{ id: string }>;
    await dataSource.query(
      `INSERT INTO app_user (id, email, name, password_hash, role, organization_id, language)
       SELECT gen_random_uuid(), e, e, 'x', 'customer', $1, 'ja' FROM unnest($2::text[]) e`,
      [org!.id, CONTACTS],
    );
  }, 120_000);

  afterAll(async () => {
    await testApp?.close();
    await sink?.stop();
    await database?.drop();
  });

  beforeEach(() => sink.received.splice(0));

  /** Publishes an incident to the three contacts; its notice's one Japanese batch, as a job. */
  async function publish(title: string): Promise<SendBatchJob> {
    const service = (await api.post('/api/v1/services', { name: title })).json.id as string;
    const created = await api.post('/api/v1/incidents', {
      title,
      serviceIds: [service],
      impact: 'major-outage',
      status: 'investigating',
      message: { ja: '調査しています。' },
    });
    expect(created.status).toBe(201);
    const [update] = (await dataSource.query(`SELECT notice_id FROM incident_update WHERE incident_id = $1`, [
      created.json.id,
    ])) as Array<{ notice_id: string }>;
    return { noticeId: update!.notice_id, language: 'ja', batchNo: 0, batches: 1 };
  }

  const statuses = async (noticeId: string) =>
    (await dataSource.query(
      `SELECT recipient, status, response FROM notice_delivery WHERE notice_id = $1 ORDER BY recipient`,
      [noticeId],
    )) as Array<{ recipient: string; status: string; response: string | null }>;

  it('a duplicate job claiming while another sender records its batch takes nothing: nobody gets a second copy', async () => {
    const job = await publish('重複ジョブ');
    // The other sender records its batch: two recipients sent, one left to retry, lease released.
    const other = new Client({ connectionString: database.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(
        `UPDATE notice_delivery SET status = 'sent', sent_at = now() WHERE notice_id = $1 AND recipient <> $2`,
        [job.noticeId, CONTACTS[2]],
      );
      await other.query(
        `UPDATE notice_batch SET revision = revision + 1, lease_until = NULL, updated_at = now() WHERE notice_id = $1`,
        [job.noticeId],
      );
      // The duplicate's statement starts before that commit (its snapshot still shows all three
      // pending) and waits for the batch's row lock.
      const duplicate = sender.sendBatch(job);
      await waitFor(async () => {
        const [row] = (await dataSource.query(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )) as Array<{ waiting: number }>;
        return row!.waiting > 0;
      }, 'the duplicate waiting for the batch lock');
      await other.query('COMMIT');

      expect(await duplicate).toEqual({ claimed: 0, sent: 0, failed: 0, deferred: 0 });
      expect(sink.received).toEqual([]);
    } finally {
      await other.end();
    }

    // The retry of the other sender's job then sends the one recipient left, alone.
    expect(await sender.sendBatch(job)).toEqual({ claimed: 1, sent: 1, failed: 0, deferred: 0 });
    expect(sink.received.map((mail) => mail.envelopeTo)).toEqual([[CONTACTS[2]]]);
    expect((await statuses(job.noticeId)).map((row) => row.status)).toEqual(['sent', 'sent', 'sent']);
    const [batch] = (await dataSource.query(`SELECT done, lease_until FROM notice_batch WHERE notice_id = $1`, [
      job.noticeId,
    ])) as Array<{ done: boolean; lease_until: Date | null }>;
    expect(batch).toEqual({ done: true, lease_until: null });
    // A finished batch is not claimed again.
    expect(await sender.sendBatch(job)).toEqual({ claimed: 0, sent: 0, failed: 0, deferred: 0 });
  });

  it('a batch still failing when its retry window has closed is given up: gave_up, not quarantined, not sent', async () => {
    const job = await publish('再送上限');
    const windowHours = testApp.config.MAIL_GIVE_UP_HOURS;
    await dataSource.query(
      `UPDATE notice_batch SET attempts = 7, retry_started_at = now() - make_interval(hours => $2) - interval '1 minute'
        WHERE notice_id = $1`,
      [job.noticeId, windowHours],
    );

    expect(await sender.sendBatch(job)).toEqual({ claimed: 0, sent: 0, failed: 0, deferred: 0 });
    expect(sink.received).toEqual([]);
    const rows = await statuses(job.noticeId);
    expect(rows.map((row) => row.status)).toEqual(['gave_up', 'gave_up', 'gave_up']);
    expect(rows[0]!.response).toMatch('gave up after 7 tries');
    expect(await dataSource.query(`SELECT email FROM mail_quarantine`)).toEqual([]);
    const [batch] = (await dataSource.query(`SELECT done FROM notice_batch WHERE notice_id = $1`, [
      job.noticeId,
    ])) as Array<{ done: boolean }>;
    expect(batch!.done).toBe(true);

    // A manager sends it again: a fresh retry window, and this time the server takes it.
    const [{ incident_id: incidentId }] = (await dataSource.query(
      `SELECT incident_id FROM incident_update WHERE notice_id = $1`,
      [job.noticeId],
    )) as Array<{ incident_id: string }>;
    const resent = await api.post(`/api/v1/incidents/${incidentId}/resend`, {});
    expect(resent.status).toBe(201);
    expect(resent.json.delivery).toEqual({ total: 3, sent: 0, pending: 3, failed: 0, gaveUp: 0 });
    expect((await api.post(`/api/v1/incidents/${incidentId}/resend`, {})).status).toBe(409);
    expect(await sender.sendBatch(job)).toEqual({ claimed: 3, sent: 3, failed: 0, deferred: 0 });
    const [audit] = (await dataSource.query(
      `SELECT summary FROM audit_event WHERE action = 'incident.resend' AND target_id = $1`,
      [incidentId],
    )) as Array<{ summary: unknown }>;
    expect(audit!.summary).toEqual({ recipients: 3 });
  });

  it('a greylisting server (421, connection closed) holds back only the greylisted recipient; it is retried on the schedule, not at once', async () => {
    greylisted.add(CONTACTS[1]!);
    try {
      const job = await publish('グレーリスト');
      expect(await sender.sendBatch(job)).toEqual({ claimed: 3, sent: 2, failed: 0, deferred: 1 });
      expect(sink.received.flatMap((mail) => mail.envelopeTo).sort()).toEqual([CONTACTS[0], CONTACTS[2]]);
      const rows = await statuses(job.noticeId);
      expect(rows.map((row) => row.status)).toEqual(['sent', 'pending', 'sent']);
      expect(rows[1]!.response).toContain('421');
      const [batch] = (await dataSource.query(
        `SELECT done, lease_until, extract(epoch FROM next_attempt_at - now())::float8 AS wait FROM notice_batch WHERE notice_id = $1`,
        [job.noticeId],
      )) as Array<{ done: boolean; lease_until: Date | null; wait: number }>;
      expect(batch).toMatchObject({ done: false, lease_until: null });
      // The first retry waits MAIL_RETRY_BASE_SECONDS (30 s), not the job's few seconds.
      expect(batch!.wait).toBeGreaterThan(testApp.config.MAIL_RETRY_BASE_SECONDS - 5);
      expect(await sender.sendBatch(job)).toEqual({ claimed: 0, sent: 0, failed: 0, deferred: 0 });

      // The greylist lets it through on the next try, when it falls due.
      greylisted.clear();
      await dataSource.query(`UPDATE notice_batch SET next_attempt_at = now() WHERE notice_id = $1`, [job.noticeId]);
      expect(await sender.sendBatch(job)).toEqual({ claimed: 1, sent: 1, failed: 0, deferred: 0 });
      const copies = sink.copiesByRecipient();
      expect([...copies.entries()].map(([address, entry]) => [address, entry.copies]).sort()).toEqual(
        CONTACTS.map((address) => [address, 1]),
      );
    } finally {
      greylisted.clear();
    }
  });

  it('a published notice whose e-mail is still pending 45 minutes after detection alarms the managers, once', async () => {
    const service = (await api.post('/api/v1/services', { name: '請求' })).json.id as string;
    const created = await api.post('/api/v1/incidents', {
      title: '請求画面が開かない',
      serviceIds: [service],
      impact: 'major-outage',
      status: 'investigating',
      message: { ja: '調査しています。' },
      detectedAt: new Date(Date.now() - 50 * 60_000).toISOString(),
    });
    expect(created.status).toBe(201);
    // No sender ran: the page is up, the e-mail is not out.
    const alerts = testApp.app.get(IncidentAlertService);
    expect(await alerts.scan()).toEqual([{ incidentId: created.json.id, minutes: 45, undelivered: 3 }]);
    expect(await alerts.scan()).toEqual([]);
    // The desk banner: a notice going out for seconds is busy, not stalled; after 5 minutes it is shown.
    expect((await api.get('/api/v1/incidents/undelivered')).json.items).toEqual([]);
    expect(await alerts.undeliveredNotices(Date.now() + 6 * 60_000)).toEqual([
      expect.objectContaining({ id: created.json.id, title: '請求画面が開かない', pending: 3 }),
    ]);
    // And on /metrics, for whoever alerts on it.
    const metrics = await scrapeMetrics(`${testApp.baseUrl}/metrics`);
    expect(metrics).toMatch(/^madoguchi_notice_batches_pending [1-9]/m);
    expect(metrics).toMatch(/^madoguchi_notice_oldest_pending_age_seconds \d/m);
    const mail = (await dataSource.query(
      `SELECT message->>'subject' AS subject, message->'to' AS "to" FROM mail_outbox WHERE dedup_key LIKE $1`,
      [`incident-alert.${created.json.id}.%`],
    )) as Array<{ subject: string; to: string[] }>;
    expect(mail).toEqual([
      { subject: '【要対応】障害検知から45分: お知らせメール未送信 3件「請求画面が開かない」', to: [ADMIN.email] },
    ]);
  });
});
