import type { ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';

import { SettableClock } from '@madoguchi/common';
import { IncidentAlertService, MaintenanceNoticeService } from '@madoguchi/notices';

import { Factories } from '../factories';
import type { ApiClient } from '../support/api-client';
import { newMailReader, recipientsOf } from '../support/mail-folder';
import { startTestApp, TestApp } from '../support/test-app';

/** Who received a message whose subject contains `text`, sorted (one entry per copy). */
function receivers(mail: ParsedMail[], text: string): string[] {
  return mail
    .filter((m) => m.subject?.includes(text))
    .flatMap(recipientsOf)
    .sort();
}

describe('incidents: notice deadline, publication, fan-out to subscribers, status page', () => {
  let t: TestApp;
  let admin: ApiClient;
  let manager: ApiClient;
  let console: string;
  let billing: string;
  let kaede: string;
  const clock = new SettableClock(Date.parse('2026-11-30T10:00:00+09:00'));
  /** Mail written since the previous call. */
  const newMail = newMailReader(() => t);

  /** Reports a degraded incident under investigation (published unless `draft`), with `extra` on top. */
  const report = (title: string, serviceId: string, message: string, extra: Record<string, unknown> = {}) =>
    manager.post('/api/v1/incidents', {
      title,
      serviceIds: [serviceId],
      impact: 'degraded',
      status: 'investigating',
      message: { ja: message },
      ...extra,
    });

  beforeAll(async () => {
    t = await startTestApp({ MAINTENANCE_REMINDERS: 'P1M,P1D' }, { clock });
    const factories = await Factories.for(t);
    admin = factories.admin;
    const customer = (email: string, organizationId: string, language?: 'ja' | 'en') =>
      factories.customer(organizationId, { email, name: email.split('@')[0], language });
    manager = (await factories.staff('manager', { email: 'manager@example.jp' })).api;
    console = (await manager.post('/api/v1/services', { name: '管理コンソール' })).json.id;
    billing = (await manager.post('/api/v1/services', { name: '請求' })).json.id;

    // Sakura uses every service; Kaede only billing; Momiji is inactive.
    const org = async (name: string) => (await factories.organization(name)).id;
    const sakura = await org('さくら商事');
    kaede = await org('かえで工業');
    const momiji = await org('もみじ物産');
    await customer('taro@sakura.example', sakura);
    await customer('alice@sakura.example', sakura, 'en');
    const gone = await customer('gone@sakura.example', sakura);
    await admin.patch(`/api/v1/users/${gone.id}`, { active: false });
    await customer('hanako@kaede.example', kaede);
    await customer('ken@momiji.example', momiji);
    await admin.patch(`/api/v1/organizations/${momiji}`, { active: false });
    expect((await admin.put(`/api/v1/organizations/${kaede}/services`, { serviceIds: [billing] })).status).toBe(200);
    const extra = await admin.post(`/api/v1/organizations/${sakura}/notice-recipients`, {
      email: 'Oncall@Sakura.example',
    });
    expect(extra.status).toBe(201);
    expect(
      (await admin.post(`/api/v1/organizations/${sakura}/notice-recipients`, { email: 'oncall@sakura.example' }))
        .status,
    ).toBe(409);
    await newMail();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers an unknown incident, maintenance, recipient or quarantined address with 404 and a code naming what', async () => {
    const nobody = '00000000-0000-4000-8000-000000000000';
    const codes = await Promise.all(
      [
        manager.get(`/api/v1/incidents/${nobody}`),
        manager.post(`/api/v1/incidents/${nobody}/publish`, {}),
        manager.get(`/api/v1/maintenances/${nobody}`),
        admin.request('PUT', `/api/v1/organizations/${nobody}/services`, { serviceIds: [] }),
        admin.request('DELETE', `/api/v1/mail-quarantine/${encodeURIComponent('nobody@example.jp')}`),
      ].map(async (response) => {
        const { status, json } = await response;
        return [status, json.code];
      }),
    );
    expect(codes).toEqual([
      [404, 'incident.not-found'],
      [404, 'incident.not-found'],
      [404, 'maintenance.not-found'],
      [404, 'organization.not-found'],
      [404, 'quarantine.not-found'],
    ]);
  });

  it('validates the incident field by field', async () => {
    const response = await manager.post('/api/v1/incidents', {
      title: '',
      serviceIds: ['nope'],
      impact: 'meltdown',
      status: 'investigating',
      message: {},
    });
    expect(response.status).toBe(400);
    const fields = (response.json.errors as Array<{ field: string }>).map((e) => e.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['impact', 'message.ja', 'serviceIds', 'title']));
    const noImpact = await manager.post('/api/v1/incidents', {
      title: 'x',
      serviceIds: [console],
      status: 'investigating',
      message: { ja: 'x' },
    });
    expect(noImpact.status).toBe(400);
    expect((noImpact.json.errors as Array<{ field: string }>).map((e) => e.field)).toEqual(['impact']);
    const future = await report('x', console, 'x', { detectedAt: '2026-11-30T12:00:00+09:00' });
    expect(future.status).toBe(400);
    expect(future.json.errors).toEqual([{ field: 'detectedAt', messages: ['detectedAt must not be in the future'] }]);
  });

  it('a draft waits unpublished; managers are alerted at 30 and 45 minutes, once each; publishing fans out', async () => {
    const created = await manager.post('/api/v1/incidents', {
      title: '管理コンソールにログインできない',
      serviceIds: [console],
      impact: 'major-outage',
      status: 'investigating',
      message: { ja: 'ログインできない事象を調査しています。', en: 'We are investigating failed sign-ins.' },
      detectedAt: '2026-11-30T09:50:00+09:00',
      draft: true,
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      detectedAt: '2026-11-30T09:50:00+09:00',
      noticeDeadlineAt: '2026-11-30T10:50:00+09:00',
      publishedAt: null,
      draft: true,
      delivery: { total: 0, sent: 0, pending: 0, failed: 0 },
    });
    const id = created.json.id as string;
    expect((await t.api.get('/api/v1/status')).json.openIncidents).toEqual([]);
    expect((await manager.get('/api/v1/incidents/unnotified')).json.items).toMatchObject([{ id, alertedAt: null }]);

    // Before publishing, the manager reads what would go out, and to how many (the three addresses below).
    const preview = (await manager.get(`/api/v1/incidents/${id}/notice-preview`)).json;
    expect(preview.recipients).toBe(3);
    expect(preview.notices).toHaveLength(1);
    expect(preview.notices[0].ja.subject).toBe('【障害のお知らせ】管理コンソールにログインできない（調査中）');
    expect(preview.notices[0].en.subject).toBe('[Incident] 管理コンソールにログインできない (Investigating)');
    expect(preview.notices[0].en.text).toContain('We are investigating failed sign-ins.');
    const draftPage = await manager.get(`/incidents/${id}`);
    expect(draftPage.text).toContain('公開すると、次のメールを 3 件のアドレスにお送りします');
    expect(await newMail()).toEqual([]);

    const alerts = t.app.get(IncidentAlertService);
    expect(await alerts.scan()).toEqual([]);
    clock.set(Date.parse('2026-11-30T10:20:00+09:00'));
    expect(await alerts.scan()).toEqual([{ incidentId: id, minutes: 30 }]);
    expect(await alerts.scan()).toEqual([]);
    const thirty = await newMail();
    expect(receivers(thirty, '30分')).toEqual(['admin@madoguchi.test', 'manager@example.jp']);
    clock.set(Date.parse('2026-11-30T10:36:00+09:00'));
    expect(await alerts.scan()).toEqual([{ incidentId: id, minutes: 45 }]);
    expect(receivers(await newMail(), '45分')).toEqual(['admin@madoguchi.test', 'manager@example.jp']);
    expect((await manager.get('/api/v1/incidents/unnotified')).json.items).toMatchObject([{ id, alertedAt: 45 }]);

    clock.set(Date.parse('2026-11-30T10:40:00+09:00'));
    const published = await manager.post(`/api/v1/incidents/${id}/publish`, {});
    expect(published.status).toBe(201);
    expect(published.json).toMatchObject({
      publishedAt: '2026-11-30T10:40:00+09:00',
      secondsToFirstNotice: 50 * 60,
      notifiedWithinDeadline: true,
    });
    const notices = await newMail();
    // Contacts of active organizations using the service, the extra address, never the inactive ones.
    expect(receivers(notices, '【障害のお知らせ】')).toEqual(['oncall@sakura.example', 'taro@sakura.example']);
    expect(receivers(notices, '[Incident]')).toEqual(['alice@sakura.example']);
    const english = notices.filter((m) => recipientsOf(m).includes('alice@sakura.example'));
    expect(english).toHaveLength(1);
    expect(english[0]!.subject).toBe('[Incident] 管理コンソールにログインできない (Investigating)');
    expect(english[0]!.text).toContain('We are investigating failed sign-ins.');
    expect(english[0]!.messageId).toMatch(/^<notice\.[0-9a-f-]+\.en@localhost>$/);
    expect((await manager.get(`/api/v1/incidents/${id}`)).json.delivery).toEqual({
      total: 3,
      sent: 3,
      pending: 0,
      failed: 0,
      gaveUp: 0,
    });
    expect((await manager.get('/api/v1/incidents/unnotified')).json.items).toEqual([]);
    clock.set(Date.parse('2026-11-30T11:00:00+09:00'));
    expect(await alerts.scan()).toEqual([]);

    const status = (await t.api.get('/api/v1/status')).json;
    expect(status.services).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: console, name: '管理コンソール', nameEn: null, status: 'major-outage' }),
        expect.objectContaining({ id: billing, name: '請求', nameEn: null, status: 'operational' }),
      ]),
    );
    expect(status.openIncidents).toMatchObject([{ id, title: '管理コンソールにログインできない' }]);
    expect(status.openIncidents[0].delivery).toBeUndefined();
    const page = await t.api.get('/status');
    expect(page.status).toBe(200);
    // Gzipped (fetch takes gzip, as browsers do): the kept content inside a frame made for this response.
    expect(page.headers.get('content-encoding')).toBe('gzip');
    expect(page.text).toContain('管理コンソールにログインできない');
    const plain = await t.api.request('GET', '/status', undefined, { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    // Anonymous readers share one kept page (no viewer, no nonce in it); a signed-in one gets a frame of their own.
    expect(plain.text).toBe(page.text);
    const asManager = await manager.get('/status');
    expect(asManager.text).not.toBe(page.text);
    expect(asManager.text).toContain('管理コンソールにログインできない');

    const resolved = await manager.post(`/api/v1/incidents/${id}/updates`, {
      status: 'resolved',
      message: { ja: '復旧しました。', en: 'Resolved.' },
    });
    expect(resolved.json).toMatchObject({ status: 'resolved', resolvedAt: '2026-11-30T11:00:00+09:00' });
    expect(receivers(await newMail(), '解決済み')).toEqual(['oncall@sakura.example', 'taro@sakura.example']);
    const after = (await t.api.get('/api/v1/status')).json;
    expect(after.openIncidents).toEqual([]);
    expect(after.services).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: console, name: '管理コンソール', nameEn: null, status: 'operational' }),
      ]),
    );
    expect(after.history.incidents).toMatchObject([
      { id, updates: [{ status: 'resolved' }, { status: 'investigating' }] },
    ]);
    const feed = await t.api.get('/status/feed.atom');
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    expect(feed.text).toContain('管理コンソールにログインできない — 解決済み');
  });

  it('an incident affecting billing reaches the organization narrowed to billing too', async () => {
    const created = await manager.post('/api/v1/incidents', {
      title: '請求書の発行遅延',
      serviceIds: [billing],
      impact: 'degraded',
      status: 'identified',
      message: { ja: '請求書の発行が遅れています。' },
    });
    expect(created.json).toMatchObject({ draft: false, secondsToFirstNotice: 0, notifiedWithinDeadline: true });
    const mail = await newMail();
    expect(receivers(mail, '請求書の発行遅延')).toEqual([
      'alice@sakura.example',
      'hanako@kaede.example',
      'oncall@sakura.example',
      'taro@sakura.example',
    ]);
    // No English message: English readers get the Japanese text rather than nothing.
    const english = mail.find((m) => recipientsOf(m).includes('alice@sakura.example'))!;
    expect(english.text).toContain('請求書の発行が遅れています。');
  });

  it('the KPI counts incidents notified within 1 hour of detection; one still within its hour is not judged yet', async () => {
    const late = await report('通知が遅れた障害', billing, '調査中です。', { detectedAt: '2026-11-30T09:00:00+09:00' });
    expect(late.json).toMatchObject({ secondsToFirstNotice: 2 * 3600, notifiedWithinDeadline: false });
    await report('確認中の事象', billing, '確認中です。', { detectedAt: '2026-11-30T10:55:00+09:00', draft: true });
    await newMail();
    const kpi = await manager.get(
      `/api/v1/kpi?from=${encodeURIComponent('2026-11-30T00:00:00+09:00')}&to=${encodeURIComponent('2026-12-01T00:00:00+09:00')}`,
    );
    expect(kpi.status).toBe(200);
    // The console outage (50 min) and the billing delay (at once) in time; the late one not; the draft not yet due.
    expect(kpi.json.kpis.incidentsNotifiedWithinHour).toEqual({ value: 0.666667, numerator: 2, denominator: 3 });
  });

  it('maintenance: announcement with .ics, reminders and start/completion once each, cancellation', async () => {
    clock.set(Date.parse('2026-12-01T10:00:00+09:00'));
    const announced = await manager.post('/api/v1/maintenances', {
      title: '請求 DB 更新',
      serviceIds: [billing],
      startsAt: '2027-06-05T01:00:00+09:00',
      endsAt: '2027-06-05T05:00:00+09:00',
      kind: 'planned',
      message: { ja: 'データベース更新のため停止します。', en: 'Stopping for a database upgrade.' },
    });
    expect(announced.status).toBe(201);
    const id = announced.json.id as string;
    const announcement = await newMail();
    expect(receivers(announcement, 'メンテナンスのお知らせ')).toEqual([
      'hanako@kaede.example',
      'oncall@sakura.example',
      'taro@sakura.example',
    ]);
    // By subject: an alarm the workers' tick wrote meanwhile can be in the same batch, and come first.
    const ics = announcement
      .find((mail) => mail.subject?.includes('メンテナンスのお知らせ'))!
      .attachments.find((a) => a.filename === 'maintenance.ics')!;
    expect(ics.contentType).toBe('text/calendar');
    expect(ics.content.toString()).toContain(`UID:maintenance-${id}@localhost`);
    expect(ics.content.toString()).toContain('DTSTART:20270604T160000Z');
    const detail = (await manager.get(`/api/v1/maintenances/${id}`)).json;
    expect(detail.schedule).toEqual([
      { kind: 'reminder-P1M', dueAt: '2027-05-05T01:00:00+09:00', sent: false, cancelled: false },
      { kind: 'reminder-P1D', dueAt: '2027-06-04T01:00:00+09:00', sent: false, cancelled: false },
      { kind: 'start', dueAt: '2027-06-05T01:00:00+09:00', sent: false, cancelled: false },
      { kind: 'completion', dueAt: '2027-06-05T05:00:00+09:00', sent: false, cancelled: false },
    ]);

    const sendDue = () => t.app.get(MaintenanceNoticeService).sendDue();
    clock.set(Date.parse('2027-05-05T01:00:00+09:00'));
    expect(await sendDue()).toBe(1);
    expect(await sendDue()).toBe(0);
    expect(receivers(await newMail(), '再掲')).toHaveLength(3);
    clock.set(Date.parse('2027-06-05T01:30:00+09:00'));
    expect(await sendDue()).toBe(2); // the day-before reminder, then the start
    const started = await newMail();
    expect(receivers(started, '再掲')).toHaveLength(3);
    expect(receivers(started, '開始')).toHaveLength(3);
    expect((await t.api.get('/api/v1/status')).json.services).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: billing, name: '請求', nameEn: null, status: 'under-maintenance' }),
      ]),
    );

    const noReason = await manager.post(`/maintenance/${id}/cancel`, { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('中止の理由を入力してください。');
    const cancelled = await manager.post(`/api/v1/maintenances/${id}/cancel`, {
      reason: { ja: '作業を延期します。', en: 'Postponed.' },
    });
    expect(cancelled.status).toBe(201);
    expect(cancelled.json.schedule.at(-1)).toEqual({
      kind: 'completion',
      dueAt: '2027-06-05T05:00:00+09:00',
      sent: false,
      cancelled: true,
    });
    const cancellation = await newMail();
    expect(receivers(cancellation, '中止')).toHaveLength(3);
    // By subject: a notice the workers' own tick wrote meanwhile may be among the fresh mail.
    const cancellationMail = cancellation.find((mail) => mail.subject?.includes('中止'))!;
    expect(cancellationMail.attachments[0]!.content.toString()).toContain('STATUS:CANCELLED');
    clock.set(Date.parse('2027-06-05T06:00:00+09:00'));
    expect(await sendDue()).toBe(0);
    expect((await manager.post(`/api/v1/maintenances/${id}/cancel`, { reason: { ja: 'x' } })).status).toBe(409);
    const feed = await t.api.get('/status/maintenance.ics');
    expect(feed.text).toContain(`UID:maintenance-${id}@localhost`);
    expect(feed.text).toContain('STATUS:CANCELLED');
  });

  it('admins manage an organization’s services and extra addresses on its page', async () => {
    const page = await admin.get(`/admin/organizations/${kaede}`);
    expect(page.text).toMatch(new RegExp(`value="${billing}" checked`));
    expect(page.text).not.toMatch(new RegExp(`value="${console}" checked`));
    const added = await admin.post(`/admin/organizations/${kaede}/notice-recipients`, { email: 'ops@kaede.example' });
    // The form redirects back to the organization's page, which lists the address.
    expect(added.status).toBe(200);
    expect(added.text).toContain('ops@kaede.example');
    expect(
      (await admin.post(`/admin/organizations/${kaede}/notice-recipients`, { email: 'not an address' })).status,
    ).toBe(400);
    const [recipient] = (await admin.get(`/api/v1/organizations/${kaede}/notice-recipients`)).json.items;
    expect(recipient).toMatchObject({ email: 'ops@kaede.example', language: 'ja' });
    await admin.post(`/admin/organizations/${kaede}/notice-recipients/${recipient.id}/delete`, {});
    expect((await admin.get(`/api/v1/organizations/${kaede}/notice-recipients`)).json.items).toEqual([]);
    await admin.post(`/admin/organizations/${kaede}/services`, { serviceIds: [billing, console] });
    expect((await admin.get(`/api/v1/organizations/${kaede}/services`)).json).toMatchObject({
      allServices: false,
      serviceIds: [billing, console].sort(),
    });
    // An unknown service is a field error, and nothing changes.
    const unknown = await admin.put(`/api/v1/organizations/${kaede}/services`, {
      serviceIds: [billing, '00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors).toEqual([{ field: 'serviceIds', messages: ['every service id must name a service'] }]);
    expect((await admin.get(`/api/v1/organizations/${kaede}/services`)).json.serviceIds).toEqual(
      [billing, console].sort(),
    );
    await admin.post(`/admin/organizations/${kaede}/services`, {});
    expect((await admin.get(`/api/v1/organizations/${kaede}/services`)).json).toMatchObject({ allServices: true });
    await admin.put(`/api/v1/organizations/${kaede}/services`, { serviceIds: [billing] });
  });

  it('a quarantined address gets no notice until an admin releases it', async () => {
    await t.app
      .get(DataSource)
      .query(
        `INSERT INTO mail_quarantine (email, reason, quarantined_at) VALUES ('taro@sakura.example', '550 5.1.1 no such user', now())`,
      );
    const page = await admin.get('/admin/quarantine');
    expect(page.status).toBe(200);
    expect(page.text).toContain('taro@sakura.example');
    expect(page.text).toContain('550 5.1.1 no such user');
    const incident = await report('管理コンソールの表示崩れ', console, '表示が崩れる事象を調査しています。');
    expect(receivers(await newMail(), '表示崩れ')).toEqual(['alice@sakura.example', 'oncall@sakura.example']);
    expect(incident.json.delivery.total).toBe(2);
    expect((await manager.get('/api/v1/mail-quarantine')).status).toBe(403);
    expect((await admin.request('DELETE', '/api/v1/mail-quarantine/taro@sakura.example')).status).toBe(204);
    expect((await admin.get('/api/v1/mail-quarantine')).json.items).toEqual([]);
    await manager.post(`/api/v1/incidents/${incident.json.id}/updates`, {
      status: 'resolved',
      message: { ja: '復旧しました。' },
    });
    expect(receivers(await newMail(), '表示崩れ')).toEqual([
      'alice@sakura.example',
      'oncall@sakura.example',
      'taro@sakura.example',
    ]);
  });

  it('GET /api/v1/status is one snapshot: an ETag, 304 for it, max-age, and a new one once any process commits a change', async () => {
    const first = await t.api.request('GET', '/api/v1/status', undefined, { 'accept-encoding': 'identity' });
    expect(first.headers.get('cache-control')).toBe('public, max-age=5');
    expect(first.headers.get('content-encoding')).toBeNull();
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    // A browser's request gets the same JSON gzipped once for everyone, under its own tag.
    const gzipped = await t.api.request('GET', '/api/v1/status', undefined, { 'accept-encoding': 'gzip, br' });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(gzipped.headers.get('etag')).toBe(etag.replace(/"$/, '-gzip"'));
    expect(gzipped.json).toEqual(first.json);
    expect(
      (await t.api.request('GET', '/api/v1/status', undefined, { 'if-none-match': gzipped.headers.get('etag')! }))
        .status,
    ).toBe(304);
    // The clock stands still here, so only a change heard can make the snapshot go.
    expect(
      (await t.api.request('GET', '/api/v1/status', undefined, { 'accept-encoding': 'identity' })).headers.get('etag'),
    ).toBe(etag);
    const unchanged = await t.api.request('GET', '/api/v1/status', undefined, { 'if-none-match': `W/${etag}` });
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');

    // Written past the application, as another API process would: heard through the database.
    await t.app.get(DataSource).query(`UPDATE service SET name_en = 'Billing' WHERE id = $1`, [billing]);
    const billingIn = async () =>
      (await t.api.get('/api/v1/status')).json.services.find((service: { id: string }) => service.id === billing);
    for (let tries = 0; (await billingIn()).nameEn !== 'Billing' && tries < 50; tries++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await billingIn()).toMatchObject({ nameEn: 'Billing' });
    const changed = await t.api.request('GET', '/api/v1/status', undefined, {
      'if-none-match': etag,
      'accept-encoding': 'identity',
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    await t.app.get(DataSource).query(`UPDATE service SET name_en = NULL WHERE id = $1`, [billing]);
  });

  it('a published title is corrected without an e-mail, and the status page says it was', async () => {
    const incident = (await report('請求書の発効遅延', billing, '請求書の発行が遅れています。')).json;
    await newMail();
    expect((await manager.patch(`/api/v1/incidents/${incident.id}`, { title: '' })).json.errors).toMatchObject([
      { field: 'title' },
    ]);
    clock.set(clock.now() + 60_000);
    const corrected = await manager.patch(`/api/v1/incidents/${incident.id}`, {
      title: '請求書の発行遅延',
      titleEn: 'Invoices are late',
    });
    expect(corrected.status).toBe(200);
    expect(corrected.json).toMatchObject({ title: '請求書の発行遅延', titleEn: 'Invoices are late' });
    expect(Date.parse(corrected.json.titleCorrectedAt)).toBe(clock.now());
    expect(await newMail()).toEqual([]);
    const shown = (await t.api.get('/api/v1/status')).json.openIncidents.find(
      (open: { id: string }) => open.id === incident.id,
    );
    expect(shown).toMatchObject({ title: '請求書の発行遅延', titleCorrectedAt: corrected.json.titleCorrectedAt });
    const page = await t.api.get('/status');
    expect(page.text).toContain('件名を訂正しました');
    const [entry] = (await t.app
      .get(DataSource)
      .query(`SELECT summary FROM audit_event WHERE action = 'incident.title.correct' AND target_id = $1`, [
        incident.id,
      ])) as Array<{ summary: Record<string, unknown> }>;
    expect(entry!.summary).toMatchObject({
      before: { title: '請求書の発効遅延', titleEn: null },
      after: { title: '請求書の発行遅延', titleEn: 'Invoices are late' },
      published: true,
    });
    // The next update's notice carries the corrected title.
    await manager.post(`/api/v1/incidents/${incident.id}/updates`, {
      status: 'resolved',
      message: { ja: '復旧しました。' },
    });
    const subjects = new Set((await newMail()).map((mail) => mail.subject));
    expect(subjects).toEqual(
      new Set(['【障害のお知らせ】請求書の発行遅延（解決済み）', '[Incident] Invoices are late (Resolved)']),
    );
  });

  it('maintenance moved under the rules: an update with the new times, the event’s SEQUENCE raised, reminders rescheduled', async () => {
    clock.set(Date.parse('2026-12-02T10:00:00+09:00'));
    const window = (
      await manager.post('/api/v1/maintenances', {
        title: 'バックアップ基盤の更新',
        serviceIds: [billing],
        startsAt: '2027-06-05T01:00:00+09:00',
        endsAt: '2027-06-05T05:00:00+09:00',
        kind: 'planned',
        message: { ja: 'バックアップ基盤を更新します。' },
      })
    ).json;
    await newMail();
    const move = (startsAt: string, endsAt: string) =>
      manager.patch(`/api/v1/maintenances/${window.id}`, {
        startsAt,
        endsAt,
        message: { ja: '作業日を変更します。', en: 'The work moves to another day.' },
      });
    clock.set(Date.parse('2026-12-03T10:00:00+09:00'));
    // Planned work needs its 6 months' notice from today, when people learn the new time.
    const tooSoon = await move('2027-06-01T01:00:00+09:00', '2027-06-01T05:00:00+09:00');
    expect(tooSoon.status).toBe(422);
    expect(tooSoon.json.code).toBe('maintenance.notice-too-short');
    const duringSupport = await move('2027-06-14T11:00:00+09:00', '2027-06-14T12:30:00+09:00');
    expect(duringSupport.status).toBe(422);
    expect(duringSupport.json.code).toBe('maintenance.overlaps-support-hours');
    expect(await newMail()).toEqual([]);

    const moved = await move('2027-06-12T01:00:00+09:00', '2027-06-12T05:00:00+09:00');
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({
      startsAt: '2027-06-12T01:00:00+09:00',
      endsAt: '2027-06-12T05:00:00+09:00',
      changedAt: '2026-12-03T10:00:00+09:00',
      message: { ja: 'バックアップ基盤を更新します。' },
    });
    expect(moved.json.schedule).toEqual([
      { kind: 'reminder-P1M', dueAt: '2027-05-12T01:00:00+09:00', sent: false, cancelled: false },
      { kind: 'reminder-P1D', dueAt: '2027-06-11T01:00:00+09:00', sent: false, cancelled: false },
      { kind: 'start', dueAt: '2027-06-12T01:00:00+09:00', sent: false, cancelled: false },
      { kind: 'completion', dueAt: '2027-06-12T05:00:00+09:00', sent: false, cancelled: false },
    ]);
    const update = (await newMail()).find((mail) => mail.subject?.includes('メンテナンス内容変更'))!;
    expect(update.text).toContain('2027年6月12日(土) 01:00 JST');
    expect(update.text).toContain('作業日を変更します。');
    const event = update.attachments.find((a) => a.filename === 'maintenance.ics')!.content.toString();
    expect(event).toContain('DTSTART:20270611T160000Z');
    const sequence = /SEQUENCE:(\d+)/.exec(event)?.[1];
    expect(Number(sequence)).toBeGreaterThan(0);
    // The calendar feed tells the same version of the event.
    const feed = (await t.api.get('/status/maintenance.ics')).text;
    const inFeed = feed.slice(feed.indexOf(`UID:maintenance-${window.id}@`));
    expect(/SEQUENCE:(\d+)/.exec(inFeed)?.[1]).toBe(sequence);
    const [entry] = (await t.app
      .get(DataSource)
      .query(`SELECT summary FROM audit_event WHERE action = 'maintenance.reschedule' AND target_id = $1`, [
        window.id,
      ])) as Array<{ summary: Record<string, unknown> }>;
    expect(entry!.summary).toMatchObject({
      before: { startsAt: '2027-06-04T16:00:00.000Z' },
      after: { startsAt: '2027-06-11T16:00:00.000Z' },
    });

    // Once it has started, its times stay.
    clock.set(Date.parse('2027-06-12T02:00:00+09:00'));
    const started = await move('2027-12-20T01:00:00+09:00', '2027-12-20T05:00:00+09:00');
    expect(started.status).toBe(409);
    expect(started.json.code).toBe('maintenance.started');
    await manager.post(`/api/v1/maintenances/${window.id}/cancel`, { reason: { ja: '後片付け' } });
  });
});
