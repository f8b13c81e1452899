import { DataSource } from 'typeorm';

import { SettableClock } from '@madoguchi/common';
import { MailOutboxService } from '@madoguchi/mail';
import { IncidentAlertService } from '@madoguchi/notices';
import { InProcessQueueDriver, QUEUE_DRIVER } from '@madoguchi/queue';

import { Factories } from '../factories';
import { scrapeMetrics } from '../support/metrics';
import { SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The managers' alarm about the 1-hour promise must not depend on the server whose outage it may be
 * reporting: with ALERT_SMTP_URL set, alarms go through that server while SMTP_URL is away, and
 * ALERT_MAIL_TO addresses get them too; everything else keeps waiting for SMTP_URL.
 */
/** 194 characters: its outbox key must not be the address itself (keys hold 200). */
const LONG_ADDRESS = `${'a'.repeat(64)}@${'b'.repeat(60)}.${'c'.repeat(60)}.example`;

describe('mail: the alarm route', () => {
  let t: TestApp;
  let alarmSink: SmtpSink;
  let outbox: MailOutboxService;
  const clock = new SettableClock(Date.parse('2026-11-30T10:00:00+09:00'));

  const pass = async () => {
    await outbox.relay();
    await (t.app.get(QUEUE_DRIVER) as InProcessQueueDriver).drain();
  };

  beforeAll(async () => {
    // The notice server's port, with nothing listening on it any more.
    const away = new SmtpSink();
    const standardUrl = await away.start();
    await away.stop();
    alarmSink = new SmtpSink();
    t = await startTestApp(
      {
        SMTP_URL: standardUrl,
        ALERT_SMTP_URL: await alarmSink.start(),
        ALERT_MAIL_TO: `oncall@pager.example, ADMIN@madoguchi.test, ${LONG_ADDRESS}`,
        MAIL_RELAY_INTERVAL_MS: '60000',
      },
      { clock },
    );
    outbox = t.app.get(MailOutboxService);
  });

  afterAll(async () => {
    await t?.close();
    await alarmSink?.stop();
  });

  it('reaches managers and the on-call address through ALERT_SMTP_URL while SMTP_URL is away', async () => {
    const manager = (await (await Factories.for(t)).staff('manager', { email: 'manager@example.jp', name: '管理者' }))
      .api;
    const service = (await manager.post('/api/v1/services', { name: '管理コンソール' })).json.id as string;
    const created = await manager.post('/api/v1/incidents', {
      title: '管理コンソールにログインできない',
      serviceIds: [service],
      impact: 'major-outage',
      status: 'investigating',
      message: { ja: '調査しています。' },
      detectedAt: '2026-11-30T09:25:00+09:00',
      draft: true,
    });
    expect(created.status).toBe(201);
    // A customer's acknowledgement, written the ordinary way.
    await outbox.add({ to: ['yamada@sakura.example.jp'], subject: '受付', text: '受け付けました。' }, 'ack-1');

    expect(await t.app.get(IncidentAlertService).scan()).toEqual([{ incidentId: created.json.id, minutes: 30 }]);
    await pass();

    // One copy each: the admin in ALERT_MAIL_TO (in other letter case) is not sent it twice.
    expect(alarmSink.received.map((mail) => mail.envelopeTo).sort()).toEqual([
      [LONG_ADDRESS],
      ['admin@madoguchi.test'],
      ['manager@example.jp'],
      ['oncall@pager.example'],
    ]);
    const oncall = alarmSink.received.find((mail) => mail.envelopeTo[0] === 'oncall@pager.example')!.parsed;
    expect(oncall.subject).toContain('30分');
    expect(oncall.text).toContain('管理コンソールにログインできない');

    const rows = (await t.app
      .get(DataSource)
      .query(`SELECT dedup_key, route, status FROM mail_outbox ORDER BY route, dedup_key`)) as Array<{
      dedup_key: string;
      route: string;
      status: string;
    }>;
    expect(rows.map((row) => [row.route, row.status])).toEqual([
      ['alarm', 'sent'],
      ['alarm', 'sent'],
      ['alarm', 'sent'],
      ['alarm', 'sent'],
      ['standard', 'pending'],
    ]);
    const metrics = await scrapeMetrics(`${t.baseUrl}/metrics`);
    expect(metrics).toMatch(
      /madoguchi_mail_messages_total\{transport="smtp",route="alarm",outcome="sent",code="250"\} 4/,
    );
    expect(metrics).toMatch(
      /madoguchi_mail_messages_total\{transport="smtp",route="standard",outcome="deferred",code="none"\} 1/,
    );
  });
});
