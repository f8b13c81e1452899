import { type Principal, SettableClock } from '@madoguchi/common';
import { InquiryService, NotificationService, SlaScanService, TicketCommandService } from '@madoguchi/tickets';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

describe('SlaScanService', () => {
  // Tuesday 10:00 in Tokyo: the first response falls due at 15:00.
  const clock = new SettableClock(Date.parse('2026-12-01T10:00:00+09:00'));
  let app: ApplicationUnderTest;
  let agent: Principal;
  let manager: Principal;

  beforeAll(async () => {
    app = await startApplication({}, { clock });
    agent = await app.user('agent');
    manager = await app.user('manager');
  });

  afterAll(() => app?.close());

  const mailTo = (ticketId: string) =>
    app.query<{ key: string; to: string[] }>(
      `SELECT dedup_key AS key, message->'to' AS to FROM mail_outbox WHERE dedup_key LIKE $1 ORDER BY dedup_key`,
      [`sla.${ticketId}.%`],
    );

  it('raises a first-response breach once, mailing the assignee and the managers with its mark', async () => {
    const { id } = await app.get(InquiryService).submit(app.as(null), {
      name: '客',
      email: 'guest@example.jp',
      subject: '至急',
      body: '本文',
    });
    await app.get(TicketCommandService).update(app.as(agent), id, { assigneeId: agent.userId });
    const scan = app.get(SlaScanService);
    const breaches = async (now: string) =>
      (await scan.scan(Date.parse(now))).filter((alert) => alert.ticketId === id && alert.kind === 'breach');
    expect(await breaches('2026-12-01T14:59:00+09:00')).toEqual([]);
    expect(await breaches('2026-12-01T15:00:00+09:00')).toEqual([
      expect.objectContaining({ clock: 'first-response', kind: 'breach', dueAt: new Date('2026-12-01T06:00:00Z') }),
    ]);
    // Scanning again (another worker, a retry) raises nothing new.
    expect(await breaches('2026-12-01T15:01:00+09:00')).toEqual([]);
    const breachMail = (await mailTo(id)).filter((mail) => mail.key.includes('.first-response.breach.'));
    expect(breachMail.map((mail) => mail.to[0]).sort()).toEqual([agent.email, manager.email].sort());
    const events = await app.query(`SELECT 1 FROM ticket_event WHERE ticket_id = $1 AND kind = 'sla.breach'`, [id]);
    expect(events).toHaveLength(1);
  });

  it('raises nothing for a ticket answered in time', async () => {
    const { id } = await app.get(InquiryService).submit(app.as(null), {
      name: '客',
      email: 'guest2@example.jp',
      subject: '件名',
      body: '本文',
    });
    await app.get(TicketCommandService).addMessage(app.as(agent), id, { body: '回答' });
    const raised = await app.get(SlaScanService).scan(Date.parse('2026-12-01T15:30:00+09:00'));
    expect(raised.filter((alert) => alert.ticketId === id && alert.clock === 'first-response')).toEqual([]);
  });
});

describe('SlaScanService: notifications and the digest', () => {
  const clock = new SettableClock(Date.parse('2026-12-01T10:00:00+09:00'));
  let app: ApplicationUnderTest;

  beforeAll(async () => {
    app = await startApplication({}, { clock });
  });

  afterAll(() => app?.close());

  it('tells each person once per scan: every alert in their list, one e-mail for all, none for a kind they turned off', async () => {
    const agent = await app.user('agent');
    const submit = (subject: string) =>
      app.get(InquiryService).submit(app.as(null), { name: '客', email: 'guest@example.jp', subject, body: '本文' });
    const tickets = [await submit('一件目'), await submit('二件目')];
    for (const { id } of tickets)
      await app.get(TicketCommandService).update(app.as(agent), id, { assigneeId: agent.userId });
    const notifications = app.get(NotificationService);
    const viewer = { ...agent };
    const before = (await notifications.list(viewer)).items.length;

    // 75 % of the 4 business hours to 15:00: the warning at 14:00 for both.
    const raised = await app.get(SlaScanService).scan(Date.parse('2026-12-01T14:00:00+09:00'));
    expect(raised.filter((alert) => alert.kind === 'warning')).toHaveLength(2);
    const listed = (await notifications.list(viewer)).items.slice(0, 2);
    expect((await notifications.list(viewer)).items.length - before).toBe(2);
    expect(listed.map((n) => n.kind)).toEqual(['sla-warning', 'sla-warning']);

    const digests = await app.query<{ subject: string; text: string; to: string[] }>(
      `SELECT message->>'subject' AS subject, message->>'text' AS text, message->'to' AS to
         FROM mail_outbox WHERE dedup_key LIKE $1`,
      [`sla-digest.${agent.userId}.%`],
    );
    expect(digests).toHaveLength(1);
    expect(digests[0]!.to).toEqual([agent.email]);
    expect(digests[0]!.subject).toBe('SLA のお知らせ: 違反 0 件・期限間近 2 件');
    for (const { id, number } of tickets) {
      expect(digests[0]!.text).toContain(number);
      expect(digests[0]!.text).toContain(`/desk/tickets/${id}`);
    }

    // Breaches at 15:00: turned off by e-mail, still in the list.
    await notifications.setMailSettings(viewer, { 'sla-breach': false });
    await app.get(SlaScanService).scan(Date.parse('2026-12-01T15:00:00+09:00'));
    expect((await notifications.list(viewer)).items.slice(0, 2).map((n) => n.kind)).toEqual([
      'sla-breach',
      'sla-breach',
    ]);
    // Only the warnings' digest was ever mailed to them.
    const mailed = await app.query<{ subject: string }>(
      `SELECT message->>'subject' AS subject FROM mail_outbox WHERE message->>'to' LIKE $1`,
      [`%${agent.email}%`],
    );
    expect(mailed.map((mail) => mail.subject)).toEqual(['SLA のお知らせ: 違反 0 件・期限間近 2 件']);
  });
});
