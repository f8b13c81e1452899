import type { ParsedMail } from 'mailparser';

import { Factories, FACTORY_PASSWORD } from '../factories';
import type { ApiClient } from '../support/api-client';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { deliveredMail, recipientsOf } from '../support/mail-folder';
import { startTestApp, type TestApp } from '../support/test-app';

const inquiry = (subject: string) => ({
  name: '山田 花子',
  email: 'hanako@sakura.example',
  category: 'technical',
  subject,
  body: '本日朝からログインできません。',
  consent: true,
});

describeWithBrowser('notifications: staff hear of customer replies and assignments, in the desk and by e-mail', () => {
  let t: TestApp;
  let customer: ApiClient;
  let owner: { id: string; email: string; api: ApiClient };
  let lead: { id: string; email: string; api: ApiClient };
  let manager: { id: string; email: string; api: ApiClient };
  const seen = new Set<string>();

  const newMailTo = async (address: string): Promise<ParsedMail[]> => {
    const fresh = (await deliveredMail(t.app, t.config.DATA_DIR)).filter((mail) => !seen.has(mail.messageId!));
    for (const mail of fresh) seen.add(mail.messageId!);
    return fresh.filter((mail) => recipientsOf(mail).includes(address));
  };

  beforeAll(async () => {
    t = await startTestApp({ INQUIRY_RATE_LIMIT_PER_MINUTE: '1000' });
    const factories = await Factories.for(t);
    const org = await factories.organization('さくら商事');
    customer = (await factories.customer(org.id, { email: 'hanako@sakura.example', name: '山田 花子' })).api;
    owner = await factories.staff('agent', { email: 'owner@example.jp', name: '田中 一郎' });
    lead = await factories.staff('agent', { email: 'lead@example.jp', name: '鈴木 次郎' });
    manager = await factories.staff('manager', { email: 'manager@example.jp', name: '佐藤 課長' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('the desk shows the unread count; opening a notification leads to its ticket and reads it', async () => {
    const { id, number } = (await customer.post('/api/v1/inquiries', inquiry('画面で確認'))).json;
    await lead.api.patch(`/api/v1/tickets/${id}`, { assigneeId: owner.id });
    const unread = (await owner.api.get('/api/v1/notifications')).json.unread as number;
    const browser = await launchBrowser();
    try {
      const page = await signedInPage(browser, t.baseUrl, owner.email, FACTORY_PASSWORD);
      await page.goto(`${t.baseUrl}/desk`);
      expect(await page.getByTestId('notifications-link').textContent()).toContain(`未読 ${unread} 件`);
      await page.getByTestId('notifications-link').click();
      const row = page.getByTestId('notifications').locator('tbody tr').first();
      expect(await row.textContent()).toContain('鈴木 次郎 さんがあなたに割り当てました');
      expect(await row.textContent()).toContain(number);
      await row.getByRole('button', { name: '開く' }).click();
      await page.waitForURL(`${t.baseUrl}/desk/tickets/${id}`);
      expect((await owner.api.get('/api/v1/notifications')).json.unread).toBe(unread - 1);
      // The e-mail choices on the same page.
      await page.goto(`${t.baseUrl}/desk/notifications`);
      const settings = page.getByTestId('notification-settings');
      await settings.getByLabel('チケットが自分に割り当てられたとき').uncheck();
      await settings.getByRole('button', { name: '保存' }).click();
      expect(await page.getByRole('status').first().textContent()).toContain('保存しました');
      expect((await owner.api.get('/api/v1/notifications/settings')).json.mail).toEqual({
        'customer-reply': true,
        assigned: false,
        'sla-warning': true,
        'sla-breach': true,
      });
      await owner.api.request('PUT', '/api/v1/notifications/settings', { mail: { assigned: true } });
    } finally {
      await browser.close();
    }
  });

  it('an assignment and then a customer reply reach the assignee in the list and by e-mail with the link; read marks stick', async () => {
    const { id, number } = (await customer.post('/api/v1/inquiries', inquiry('ログインできません'))).json;
    await newMailTo(owner.email);
    expect((await lead.api.patch(`/api/v1/tickets/${id}`, { assigneeId: owner.id })).status).toBe(200);
    // Assigning oneself tells nobody.
    const own = (await customer.post('/api/v1/inquiries', inquiry('自分で担当'))).json;
    await lead.api.patch(`/api/v1/tickets/${own.id}`, { assigneeId: lead.id });
    expect((await lead.api.get('/api/v1/notifications')).json).toEqual({ items: [], unread: 0 });

    expect((await customer.post(`/api/v1/tickets/${id}/messages`, { body: 'まだ直りません' })).status).toBe(201);
    const list = (await owner.api.get('/api/v1/notifications')).json;
    expect(list.unread).toBe(2);
    type Listed = { ticketId: string; read: boolean };
    const onThisTicket = (items: Listed[]) => items.filter((n) => n.ticketId === id);
    expect(onThisTicket(list.items)).toEqual([
      expect.objectContaining({
        kind: 'customer-reply',
        ticketId: id,
        ticketNumber: number,
        by: '山田 花子',
        read: false,
      }),
      expect.objectContaining({ kind: 'assigned', ticketId: id, subject: 'ログインできません', by: '鈴木 次郎' }),
    ]);

    const link = new URL(`/desk/tickets/${id}`, t.config.PUBLIC_BASE_URL).toString();
    const mail = await newMailTo(owner.email);
    expect(mail.map((m) => m.subject).sort()).toEqual(
      [
        `[${number}] お客様から返信がありました: ログインできません`,
        `[${number}] チケットが割り当てられました: ログインできません`,
      ].sort(),
    );
    for (const m of mail) expect(m.text).toContain(link);

    // Someone else's ids change nothing; one's own are read once marked.
    expect((await lead.api.post('/api/v1/notifications/read', { ids: [list.items[0].id] })).status).toBe(204);
    expect((await owner.api.get('/api/v1/notifications')).json.unread).toBe(2);
    expect((await owner.api.post('/api/v1/notifications/read', { ids: [list.items[0].id] })).status).toBe(204);
    const after = (await owner.api.get('/api/v1/notifications')).json;
    expect(after.unread).toBe(1);
    expect(onThisTicket(after.items).map((n) => n.read)).toEqual([true, false]);
    expect((await owner.api.post('/api/v1/notifications/read', { ids: ['not-an-id'] })).status).toBe(400);
    expect((await customer.get('/api/v1/notifications')).status).toBe(403);
  });

  it('an agent who turned assignment e-mails off still sees the assignment in the list, and gets no mail', async () => {
    expect((await lead.api.get('/api/v1/notifications/settings')).json).toEqual({
      mail: { 'customer-reply': true, assigned: true, 'sla-warning': true, 'sla-breach': true },
    });
    const changed = await lead.api.request('PUT', '/api/v1/notifications/settings', { mail: { assigned: false } });
    expect(changed.json).toEqual({
      mail: { 'customer-reply': true, assigned: false, 'sla-warning': true, 'sla-breach': true },
    });
    const { id } = (await customer.post('/api/v1/inquiries', inquiry('メール不要'))).json;
    await newMailTo(lead.email);
    await owner.api.patch(`/api/v1/tickets/${id}`, { assigneeId: lead.id });
    expect((await lead.api.get('/api/v1/notifications')).json.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'assigned', ticketId: id })]),
    );
    expect(await newMailTo(lead.email)).toEqual([]);
    // A customer reply still comes by e-mail.
    await customer.post(`/api/v1/tickets/${id}/messages`, { body: '追記' });
    expect((await newMailTo(lead.email)).map((m) => m.subject)).toEqual([expect.stringContaining('お客様から返信')]);
    expect((await lead.api.request('PUT', '/api/v1/notifications/settings', { mail: { assigned: 'no' } })).status).toBe(
      400,
    );
  });

  it('a customer reply on an unassigned ticket reaches the managers, not every agent', async () => {
    const { id } = (await customer.post('/api/v1/inquiries', inquiry('誰も担当していない'))).json;
    await customer.post(`/api/v1/tickets/${id}/messages`, { body: '追記です' });
    const managerList = (await manager.api.get('/api/v1/notifications')).json.items;
    expect(managerList.filter((n: { ticketId: string }) => n.ticketId === id)).toEqual([
      expect.objectContaining({ kind: 'customer-reply' }),
    ]);
    const agentList = (await owner.api.get('/api/v1/notifications')).json.items;
    expect(agentList.filter((n: { ticketId: string }) => n.ticketId === id)).toEqual([]);
  });
});
