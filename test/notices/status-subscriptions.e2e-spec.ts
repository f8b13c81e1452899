import type { ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';

import { SettableClock } from '@madoguchi/common';

import { Factories } from '../factories';
import type { ApiClient } from '../support/api-client';
import { newMailReader, recipientsOf } from '../support/mail-folder';
import { startTestApp, TestApp } from '../support/test-app';

describe('status subscriptions: subscribe, confirm, receive notices, one-click unsubscribe', () => {
  let t: TestApp;
  let manager: ApiClient;
  let console: string;
  let billing: string;
  const clock = new SettableClock(Date.parse('2026-12-01T10:00:00+09:00'));
  /** Mail written since the previous call. */
  const newMail = newMailReader(() => t);
  const to = (mail: ParsedMail[], address: string) => mail.filter((m) => recipientsOf(m).includes(address));
  /** A header as it was written (unfolded), or undefined: mailparser files list headers away. */
  const header = (mail: ParsedMail, name: string) =>
    mail.headerLines
      .find((line) => line.key === name)
      ?.line.slice(name.length + 1)
      .replace(/\r\n\s+/g, ' ')
      .trim();
  /** Opens an incident (published at once) on one service: a notice to its audience. */
  const outage = (title: string, serviceId: string) =>
    manager.post('/api/v1/incidents', {
      title,
      serviceIds: [serviceId],
      impact: 'major-outage',
      status: 'investigating',
      message: { ja: '調査しています。', en: 'Investigating.' },
    });
  /** The token at the end of a link to `path` in the mail (links name the site's public address). */
  const linkIn = (mail: ParsedMail, path: string) =>
    new RegExp(`${t.config.PUBLIC_BASE_URL}${path}([\\w-]+)`).exec(mail.text ?? '')?.[1];

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    const factories = await Factories.for(t);
    manager = (await factories.staff('manager')).api;
    console = (await manager.post('/api/v1/services', { name: '管理コンソール', nameEn: 'Admin console' })).json.id;
    billing = (await manager.post('/api/v1/services', { name: '請求', nameEn: 'Billing' })).json.id;
    const sakura = await factories.organization('さくら商事');
    await factories.customer(sakura.id, { email: 'taro@sakura.example', name: 'taro' });
    await newMail();
  });

  afterAll(() => t?.close());

  it('refuses a bad address or an unknown service field by field, and stores nothing', async () => {
    const bad = await t.api.post('/api/v1/status/subscriptions', {
      email: 'not an address',
      serviceIds: ['6f1c2d3e-0000-4000-8000-000000000000'],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field)).toEqual(['email']);
    const unknown = await t.api.post('/api/v1/status/subscriptions', {
      email: 'someone@example.org',
      serviceIds: ['6f1c2d3e-0000-4000-8000-000000000000'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors).toMatchObject([{ field: 'serviceIds' }]);
    expect(await t.app.get(DataSource).query(`SELECT * FROM status_subscriber`)).toEqual([]);
    expect(await newMail()).toEqual([]);
  });

  it('nothing is sent before the link is confirmed; then the subscriber gets its own copy with a one-click link', async () => {
    const asked = await t.api.post('/api/v1/status/subscriptions', {
      email: 'Fan@Example.org',
      serviceIds: [console],
      language: 'en',
    });
    expect(asked.status).toBe(202);
    expect(asked.json).toEqual({ linkValidHours: 48 });
    const [confirmation, ...others] = await newMail();
    expect(others).toEqual([]);
    expect(recipientsOf(confirmation!)).toEqual(['fan@example.org']);
    expect(confirmation!.subject).toBe('Please confirm: service status notices by e-mail');
    expect(confirmation!.text).toContain('Services: Admin console');
    const token = linkIn(confirmation!, '/status/subscriptions/confirm/')!;
    expect(token).toMatch(/^[\w-]{32}$/);

    // Asked again at once: the same answer, and no second mail to fill the inbox.
    expect((await t.api.post('/api/v1/status/subscriptions', { email: 'fan@example.org' })).status).toBe(202);
    expect(await newMail()).toEqual([]);

    // Not confirmed yet: no notice for the address.
    await outage('ログインできない', console);
    const before = await newMail();
    expect(to(before, 'taro@sakura.example')).toHaveLength(1);
    expect(to(before, 'fan@example.org')).toEqual([]);

    // The link's page asks before it confirms (a mail scanner opening it confirms nothing).
    const page = await t.api.get(`/status/subscriptions/confirm/${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('fan@example.org');
    expect(page.text).toContain('管理コンソール');
    const confirmed = await t.api.request('POST', `/status/subscriptions/confirm/${token}`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('data-testid="subscription-confirmed"');
    // Used: the link works once.
    expect((await t.api.post('/api/v1/status/subscriptions/confirm', { token })).status).toBe(404);

    await outage('管理コンソールが遅い', console);
    const notices = await newMail();
    const [contact] = to(notices, 'taro@sakura.example');
    const [fan] = to(notices, 'fan@example.org');
    expect(header(contact!, 'list-unsubscribe')).toBeUndefined();
    expect(fan!.subject).toBe('[Incident] 管理コンソールが遅い (Investigating)');
    expect(fan!.messageId).not.toBe(contact!.messageId);
    const unsubscribeUrl = /^<(.+)>$/.exec(header(fan!, 'list-unsubscribe') ?? '')?.[1];
    expect(unsubscribeUrl).toMatch(new RegExp(`^${t.config.PUBLIC_BASE_URL}/status/unsubscribe/[\\w-]{32}$`));
    expect(header(fan!, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(fan!.text).toContain(`Unsubscribe: ${unsubscribeUrl}`);
    expect(fan!.html).toContain(`href="${unsubscribeUrl}"`);

    // A service the subscriber does not follow: nothing for it.
    await outage('請求書が出ない', billing);
    expect(to(await newMail(), 'fan@example.org')).toEqual([]);

    // RFC 8058: the mail client's POST, without cookies or tokens of the site (here, to the test's port).
    const oneClickUrl = unsubscribeUrl!.replace(t.config.PUBLIC_BASE_URL, t.baseUrl);
    const oneClick = await fetch(oneClickUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    const firstAnswer = await oneClick.text();
    expect(firstAnswer).toContain('data-testid="unsubscribed"');
    expect(firstAnswer).toContain('配信を停止しました。');
    // Again: still fine, and says so.
    const again = await fetch(oneClickUrl, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('この配信はすでに停止されています。');
    expect(await (await fetch(oneClickUrl)).text()).toContain('data-testid="unsubscribe-unknown"');

    await outage('管理コンソールに再度ログインできない', console);
    expect(to(await newMail(), 'fan@example.org')).toEqual([]);

    const audit = (await t.app
      .get(DataSource)
      .query(`SELECT action FROM audit_event WHERE target_type = 'status_subscriber' ORDER BY id`)) as Array<{
      action: string;
    }>;
    expect(audit.map((entry) => entry.action)).toEqual([
      'status-subscription.request',
      'status-subscription.confirm',
      'status-subscription.unsubscribe',
    ]);
  });

  it('a contact who subscribes too keeps the contact’s notice, which no link stops', async () => {
    await t.api.post('/api/v1/status/subscriptions', { email: 'taro@sakura.example' });
    const token = linkIn((await newMail())[0]!, '/status/subscriptions/confirm/')!;
    expect((await t.api.post('/api/v1/status/subscriptions/confirm', { token })).json).toMatchObject({
      email: 'taro@sakura.example',
      serviceIds: [],
      confirmed: true,
    });
    await outage('全サービスの遅延', billing);
    const copies = to(await newMail(), 'taro@sakura.example');
    expect(copies).toHaveLength(1);
    expect(header(copies[0]!, 'list-unsubscribe')).toBeUndefined();
  });

  it('a link past its 48 hours is refused on the page and by the API', async () => {
    await t.api.post('/api/v1/status/subscriptions', { email: 'late@example.org', language: 'ja' });
    const [mail] = await newMail();
    expect(mail!.subject).toBe('【確認】障害・メンテナンス情報のメール配信');
    const token = linkIn(mail!, '/status/subscriptions/confirm/')!;
    clock.set(clock.now() + 49 * 3_600_000);
    const page = await t.api.get(`/status/subscriptions/confirm/${token}`);
    expect(page.status).toBe(404);
    expect(page.text).toContain('有効期限が過ぎています');
    const api = await t.api.post('/api/v1/status/subscriptions/confirm', { token });
    expect(api.status).toBe(404);
    expect(api.json.code).toBe('subscription.link-invalid');
  });
});
