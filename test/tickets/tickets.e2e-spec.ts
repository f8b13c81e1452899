import { DataSource } from 'typeorm';

import { QUEUE_DRIVER } from '@madoguchi/queue';

import { Factories } from '../factories';
import { ApiClient } from '../support/api-client';
import { deliveredMail, recipientsOf } from '../support/mail-folder';
import { scrapeMetrics } from '../support/metrics';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'tickets passphrase 2026';
const inquiry = (overrides: Record<string, unknown> = {}) => ({
  name: '山田 花子',
  company: '株式会社さくら商事',
  email: 'yamada@sakura.example.jp',
  category: 'technical',
  subject: 'ログインできません',
  body: '本日朝からログインできません。',
  consent: true,
  ...overrides,
});

describe('tickets: intake, thread and authorization over HTTP', () => {
  let t: TestApp;
  let agent: ApiClient;
  let customerA: ApiClient;
  let customerB: ApiClient;

  beforeAll(async () => {
    t = await startTestApp({ INQUIRY_RATE_LIMIT_PER_MINUTE: '1000' });
    const factories = await Factories.for(t);
    const orgA = await factories.organization('株式会社さくら商事');
    const orgB = await factories.organization('有限会社もみじ工業');
    const person = (email: string) => ({ email, name: email, password: PASSWORD });
    agent = (await factories.staff('agent', person('agent@example.jp'))).api;
    await factories.staff('manager', person('manager@example.jp'));
    customerA = (await factories.customer(orgA.id, person('a@sakura.example.jp'))).api;
    customerB = (await factories.customer(orgB.id, person('b@momiji.example.jp'))).api;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('creates exactly one ticket and one acknowledgement carrying its number and promised answer time', async () => {
    const before = (await agent.get('/api/v1/tickets?limit=200')).json.items.length;
    const response = await t.api.post('/api/v1/inquiries', inquiry({ email: 'first@sakura.example.jp' }));
    expect(response.status).toBe(201);
    expect(response.json).toEqual({
      id: expect.any(String),
      number: expect.stringMatching(/^MD-\d{4}-\d{6}$/),
      createdAt: expect.stringMatching(/\+09:00$/),
      firstResponseDueAt: expect.stringMatching(/\+09:00$/),
      resolutionDueAt: expect.stringMatching(/\+09:00$/),
      attachments: [],
    });
    // The promise is computed on the support calendar: 4 business hours after submission.
    const business = await t.api.get(
      `/api/v1/calendars/support-hours/business-time?from=${encodeURIComponent(response.json.createdAt)}&to=${encodeURIComponent(response.json.firstResponseDueAt)}`,
    );
    expect(business.json.duration).toBe('PT4H');
    expect((await agent.get('/api/v1/tickets?limit=200')).json.items.length).toBe(before + 1);

    const mail = (await deliveredMail(t.app, t.config.DATA_DIR)).filter((m) =>
      recipientsOf(m).includes('first@sakura.example.jp'),
    );
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe(`[${response.json.number}] お問い合わせを受け付けました`);
    expect(mail[0]!.text).toContain(`受付番号: ${response.json.number}`);
    expect(mail[0]!.text).toMatch(/\d+月\d+日\(.\) \d{2}:\d{2} までに担当者よりご連絡いたします。/);
    expect(mail[0]!.text).toContain('月–金 09:00–12:00, 13:00–17:00（祝日を除く）');
  });

  it('lists every invalid field, and creates nothing', async () => {
    const before = (await agent.get('/api/v1/tickets?limit=200')).json.items.length;
    const response = await t.api.post('/api/v1/inquiries', {
      name: 'Evil\r\nBcc: spam@example.com',
      email: 'not-an-email',
      subject: '',
      body: 'x'.repeat(20_001),
      consent: false,
      website: 'http://spam.example',
      category: 'lottery',
    });
    expect(response.status).toBe(400);
    const fields = response.json.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['body', 'category', 'consent', 'email', 'name', 'subject', 'website']);
    expect((await agent.get('/api/v1/tickets?limit=200')).json.items.length).toBe(before);
  });

  it('returns the same ticket for a retried POST with the same Idempotency-Key, and e-mails once', async () => {
    const body = inquiry({ email: 'retry@sakura.example.jp' });
    const first = await t.api.request('POST', '/api/v1/inquiries', body, { 'idempotency-key': 'form-7f3a' });
    const second = await t.api.request('POST', '/api/v1/inquiries', body, { 'idempotency-key': 'form-7f3a' });
    expect(second.status).toBe(201);
    expect(second.json).toEqual(first.json);
    const mail = (await deliveredMail(t.app, t.config.DATA_DIR)).filter((m) =>
      recipientsOf(m).includes('retry@sakura.example.jp'),
    );
    expect(mail).toHaveLength(1);
    const reused = await t.api.request(
      'POST',
      '/api/v1/inquiries',
      { ...body, subject: 'other' },
      { 'idempotency-key': 'form-7f3a' },
    );
    expect(reused.status).toBe(422);
    expect(reused.json.code).toBe('idempotency.key-reused');
  });

  it('keeps HTML in a subject or body as text in the e-mail', async () => {
    await t.api.post(
      '/api/v1/inquiries',
      inquiry({ email: 'html@sakura.example.jp', subject: '<b>bold</b>', name: '<script>x</script>' }),
    );
    const [mail] = (await deliveredMail(t.app, t.config.DATA_DIR)).filter((m) =>
      recipientsOf(m).includes('html@sakura.example.jp'),
    );
    expect(mail!.html).not.toContain('<script>');
    expect(mail!.html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(mail!.html).toContain('&lt;b&gt;bold&lt;/b&gt;');
  });

  it('binds a signed-in customer’s inquiry to their organization, which only they (and staff) can see', async () => {
    const created = await customerA.post('/api/v1/inquiries', inquiry({ email: 'a@sakura.example.jp' }));
    const id = created.json.id;
    expect((await customerA.get(`/api/v1/tickets/${id}`)).status).toBe(200);
    expect((await customerB.get(`/api/v1/tickets/${id}`)).status).toBe(404);
    expect((await customerB.post(`/api/v1/tickets/${id}/messages`, { body: 'hi' })).status).toBe(404);
    expect((await customerB.get('/api/v1/tickets')).json.items.map((x: { id: string }) => x.id)).not.toContain(id);
    expect((await customerA.get('/api/v1/tickets')).json.items.map((x: { id: string }) => x.id)).toContain(id);
    expect((await t.api.get(`/api/v1/tickets/${id}`)).status).toBe(401);
  });

  it('an agent’s public reply stops the first-response clock and reaches the requester; internal notes reach no customer', async () => {
    const created = await customerA.post(
      '/api/v1/inquiries',
      inquiry({ email: 'a@sakura.example.jp', subject: 'Reply test' }),
    );
    const id = created.json.id;
    expect(
      (await agent.post(`/api/v1/tickets/${id}/messages`, { body: '社内メモ: 再現手順を確認中', internal: true }))
        .status,
    ).toBe(201);
    expect((await customerA.post(`/api/v1/tickets/${id}/messages`, { body: 'x', internal: true })).status).toBe(400);
    expect((await agent.get(`/api/v1/tickets/${id}`)).json.firstRespondedAt).toBeNull();
    expect(
      (await agent.post(`/api/v1/tickets/${id}/messages`, { body: 'パスワードを再設定してください。' })).status,
    ).toBe(201);

    const seenByAgent = (await agent.get(`/api/v1/tickets/${id}`)).json;
    expect(seenByAgent.status).toBe('open');
    expect(seenByAgent.firstRespondedAt).not.toBeNull();
    expect(seenByAgent.messages.map((m: { internal: boolean }) => m.internal)).toEqual([false, true, false]);
    const seenByCustomer = (await customerA.get(`/api/v1/tickets/${id}`)).json;
    expect(seenByCustomer.messages.map((m: { body: string }) => m.body)).toEqual([
      '本日朝からログインできません。',
      'パスワードを再設定してください。',
    ]);
    expect(JSON.stringify(seenByCustomer)).not.toContain('社内メモ');

    const mail = (await deliveredMail(t.app, t.config.DATA_DIR)).filter((m) =>
      m.subject?.startsWith(`[${created.json.number}] Re:`),
    );
    expect(mail).toHaveLength(1);
    expect(recipientsOf(mail[0]!)).toEqual(['a@sakura.example.jp']);
    expect(mail[0]!.text).toContain('パスワードを再設定してください。');
    const everything = (await deliveredMail(t.app, t.config.DATA_DIR)).map((m) => m.text ?? '').join('\n');
    expect(everything).not.toContain('社内メモ');
  });

  it('threads replies after the acknowledgement in mail clients, each with the portal link; the acknowledgement keeps a copy', async () => {
    const created = await customerA.post(
      '/api/v1/inquiries',
      inquiry({ email: 'a@sakura.example.jp', subject: 'Threading', body: '一行目\n二行目' }),
    );
    const { id, number } = created.json;
    await agent.post(`/api/v1/tickets/${id}/messages`, { body: '一通目の返答です。' });
    await agent.post(`/api/v1/tickets/${id}/messages`, { body: '二通目の返答です。' });
    const mail = (await deliveredMail(t.app, t.config.DATA_DIR)).filter((m) => m.subject?.startsWith(`[${number}]`));
    const ack = mail.find((m) => m.subject?.includes('受け付けました'))!;
    const [first, second] = ['一通目', '二通目'].map((text) => mail.find((m) => m.text?.includes(text))!);
    const portal = `${new URL(`/portal/tickets/${id}`, t.config.PUBLIC_BASE_URL)}`;
    expect(ack.text).toContain(portal);
    expect(ack.text).toContain('> 一行目\n> 二行目');
    expect(ack.messageId).toBe(`<ticket-ack.${id}@localhost>`);
    expect(first!.inReplyTo).toBe(ack.messageId);
    expect(first!.references).toBe(ack.messageId);
    expect(first!.text).toContain(portal);
    expect(second!.inReplyTo).toBe(ack.messageId);
    expect(second!.references).toEqual([ack.messageId, first!.messageId]);
  });

  it('searches subject, requester and messages (Japanese substrings included), internal notes for staff only', async () => {
    const a = (
      await customerA.post('/api/v1/inquiries', inquiry({ subject: '請求書の宛名変更', body: '宛名を経理部へ' }))
    ).json.id;
    const b = (await customerA.post('/api/v1/inquiries', inquiry({ subject: 'Login', body: '100% 失敗します' }))).json
      .id;
    await agent.post(`/api/v1/tickets/${b}/messages`, { body: '社内: 認証基盤の障害番号 INC-42', internal: true });
    const ids = async (client: ApiClient, q: string) =>
      (await client.get(`/api/v1/tickets?limit=200&q=${encodeURIComponent(q)}`)).json.items.map(
        (x: { id: string }) => x.id,
      );
    expect(await ids(agent, '請求書')).toContain(a);
    expect(await ids(agent, '経理部')).toContain(a);
    expect(await ids(agent, '請求書')).not.toContain(b);
    expect(await ids(agent, '100%')).toEqual([b]);
    expect(await ids(agent, 'INC-42')).toEqual([b]);
    expect(await ids(customerA, 'INC-42')).toEqual([]);
    expect(await ids(customerA, '経理部')).toContain(a);
  });

  it('finds a ticket by the number a caller reads out, in full or by its sequence, and by the requester phone', async () => {
    const created = (
      await customerA.post('/api/v1/inquiries', inquiry({ subject: '番号で探す', phone: '+81 3-1234-5678' }))
    ).json;
    const sequence = Number(/-(\d+)$/.exec(created.number)![1]);
    const ids = async (client: ApiClient, q: string) =>
      (await client.get(`/api/v1/tickets?limit=200&q=${encodeURIComponent(q)}`)).json.items.map(
        (x: { id: string }) => x.id,
      );
    for (const typed of [
      created.number,
      created.number.toLowerCase(),
      String(sequence).padStart(6, '0'),
      String(sequence),
    ]) {
      expect(await ids(agent, typed)).toContain(created.id);
    }
    // Full-width digits as a Japanese input method types them.
    const wide = String(sequence).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect(await ids(agent, wide)).toContain(created.id);
    expect(await ids(agent, '03-1234-5678')).toEqual([created.id]);
    expect(await ids(agent, '0312345678')).toEqual([created.id]);
    // Another organization's customer does not find it by its number.
    expect(await ids(customerB, created.number)).toEqual([]);
    expect(await ids(customerA, created.number)).toEqual([created.id]);
  });

  it('lists the most urgent first with sort=due', async () => {
    const items = (await agent.get('/api/v1/tickets?sort=due&status=new,open&limit=200')).json.items as Array<{
      firstRespondedAt: string | null;
      firstResponseDueAt: string;
      resolutionDueAt: string;
    }>;
    const due = items.map((x) => Date.parse(x.firstRespondedAt ? x.resolutionDueAt : x.firstResponseDueAt));
    expect(due.length).toBeGreaterThan(3);
    expect(due).toEqual([...due].sort((x, y) => x - y));
  });

  it('a customer writing on a closed ticket opens a follow-up; staff cannot write there', async () => {
    const id = (await customerA.post('/api/v1/inquiries', inquiry({ subject: 'Old question' }))).json.id;
    await agent.patch(`/api/v1/tickets/${id}`, { status: 'solved' });
    await agent.patch(`/api/v1/tickets/${id}`, { status: 'closed' });
    expect((await agent.post(`/api/v1/tickets/${id}/messages`, { body: 'late' })).status).toBe(422);
    const written = await customerA.post(`/api/v1/tickets/${id}/messages`, { body: 'まだ解決していません' });
    expect(written.status).toBe(201);
    expect(written.json.followUpOf).toBe(id);
    expect(written.json.ticketId).not.toBe(id);
    const followUp = (await customerA.get(`/api/v1/tickets/${written.json.ticketId}`)).json;
    expect(followUp).toMatchObject({ subject: 'Re: Old question', status: 'new', followUpOf: id });
    expect(followUp.messages.map((m: { body: string }) => m.body)).toEqual(['まだ解決していません']);
    expect((await customerA.get(`/api/v1/tickets/${id}`)).json.status).toBe('closed');
    // The follow-up is acknowledged like any inquiry: its own number and promised time, once.
    const acknowledged = (await deliveredMail(t.app, t.config.DATA_DIR)).filter(
      (m) => m.subject === `[${followUp.number}] お問い合わせを受け付けました`,
    );
    expect(acknowledged).toHaveLength(1);
    expect(acknowledged[0]!.text).toContain('Re: Old question');
  });

  it('applies manager-defined SLA policies by position, and re-targets a ticket whose priority changes', async () => {
    const manager = t.api.as(await t.api.login('manager@example.jp', PASSWORD));
    const listed = (await agent.get('/api/v1/sla-policies')).json.items;
    expect(listed.map((p: { firstResponseTarget: string }) => p.firstResponseTarget)).toEqual(['PT1H', 'PT4H']);
    const org = (await customerA.get('/api/v1/users/me')).json.organizationId;
    const vip = {
      name: 'VIP',
      position: 20,
      conditions: { organizationId: org },
      calendarId: 'support-hours',
      firstResponseTarget: 'PT2H',
      resolutionTarget: 'PT14H',
    };
    expect((await agent.post('/api/v1/sla-policies', vip)).status).toBe(403);
    const bad = await manager.post('/api/v1/sla-policies', {
      ...vip,
      position: 10,
      calendarId: 'nope',
      firstResponseTarget: '2 hours',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field)).toEqual(['firstResponseTarget']);
    const taken = await manager.post('/api/v1/sla-policies', { ...vip, position: 10, calendarId: 'nope' });
    expect(taken.json.errors.map((e: { field: string }) => e.field)).toEqual(['calendarId', 'position']);
    expect((await manager.post('/api/v1/sla-policies', vip)).status).toBe(201);

    const receipt = (await customerA.post('/api/v1/inquiries', inquiry({ subject: 'VIP' }))).json;
    const business = async (to: string) =>
      (
        await t.api.get(
          `/api/v1/calendars/support-hours/business-time?from=${encodeURIComponent(receipt.createdAt)}&to=${encodeURIComponent(to)}`,
        )
      ).json.duration;
    expect(await business(receipt.firstResponseDueAt)).toBe('PT2H');
    const urgent = (await agent.patch(`/api/v1/tickets/${receipt.id}`, { priority: 'urgent' })).json;
    expect(await business(urgent.firstResponseDueAt)).toBe('PT1H');
    expect(await business(urgent.resolutionDueAt)).toBe('PT7H');
  });

  it('hands a ticket or a PBX extension to active staff only: never to a customer of another organization', async () => {
    const manager = t.api.as(await t.api.login('manager@example.jp', PASSWORD));
    const factories = await Factories.for(t);
    const departed = await factories.staff('agent');
    await factories.admin.patch(`/api/v1/users/${departed.id}`, { active: false });
    const outsider = (await customerB.get('/api/v1/users/me')).json.id;
    const { id } = (await customerA.post('/api/v1/inquiries', inquiry({ subject: '担当者の確認' }))).json;
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const assigneeId of [outsider, departed.id, unknown]) {
      const refused = await agent.patch(`/api/v1/tickets/${id}`, { assigneeId });
      expect(refused.status).toBe(422);
      expect(refused.json.errors).toEqual([{ field: 'assigneeId', messages: [`not active staff: ${assigneeId}`] }]);
    }
    expect((await agent.get(`/api/v1/tickets/${id}`)).json.assigneeId).toBeNull();
    const managerId = (await manager.get('/api/v1/users/me')).json.id;
    expect((await agent.patch(`/api/v1/tickets/${id}`, { assigneeId: managerId })).json.assigneeId).toBe(managerId);
    expect((await agent.patch(`/api/v1/tickets/${id}`, { assigneeId: null })).json.assigneeId).toBeNull();

    // The PBX's extension 201 would otherwise show a customer's calls and presence.
    const link = await manager.post('/api/v1/telephony/agents', { pbxAgent: 'SIP/201', userId: outsider });
    expect(link.status).toBe(422);
    expect(link.json.errors[0].field).toBe('userId');
    expect((await manager.get('/api/v1/telephony/agents')).json.items).toEqual([]);
  });

  it('assigns tickets to agent groups that managers keep', async () => {
    const admin = t.api.as(await t.api.login(ADMIN.email, ADMIN.password));
    const me = (await agent.get('/api/v1/users/me')).json.id;
    const manager = t.api.as(await t.api.login('manager@example.jp', PASSWORD));
    expect((await agent.post('/api/v1/groups', { name: '請求チーム', memberIds: [me] })).status).toBe(403);
    const customerId = (await customerA.get('/api/v1/users/me')).json.id;
    expect((await manager.post('/api/v1/groups', { name: '請求チーム', memberIds: [customerId] })).status).toBe(422);
    const group = (await manager.post('/api/v1/groups', { name: '請求チーム', memberIds: [me] })).json;
    expect((await manager.post('/api/v1/groups', { name: '請求チーム', memberIds: [] })).status).toBe(409);
    const id = (await t.api.post('/api/v1/inquiries', inquiry({ subject: '請求のグループ' }))).json.id;
    expect(
      (await agent.patch(`/api/v1/tickets/${id}`, { groupId: '00000000-0000-4000-8000-000000000000' })).status,
    ).toBe(400);
    expect((await agent.patch(`/api/v1/tickets/${id}`, { groupId: group.id })).json.groupId).toBe(group.id);
    expect(
      (await agent.get(`/api/v1/tickets?groupId=${group.id}`)).json.items.map((x: { id: string }) => x.id),
    ).toEqual([id]);
    const audit = (await admin.get(`/api/v1/audit-events?targetId=${id}&action=ticket.update`)).json.items[0];
    expect(audit.summary).toMatchObject({ before: { groupId: null }, after: { groupId: group.id } });

    // Renamed, members replaced: the ticket stays with the group; the change is audited.
    const managerId = (await manager.get('/api/v1/users/me')).json.id;
    expect((await agent.put(`/api/v1/groups/${group.id}`, { name: 'x', memberIds: [] })).status).toBe(403);
    expect(
      (await manager.put(`/api/v1/groups/${group.id}`, { name: '請求・契約', memberIds: [customerId] })).status,
    ).toBe(422);
    const other = (await manager.post('/api/v1/groups', { name: '技術チーム', memberIds: [] })).json;
    expect((await manager.put(`/api/v1/groups/${other.id}`, { name: '請求チーム', memberIds: [] })).status).toBe(409);
    const renamed = await manager.put(`/api/v1/groups/${group.id}`, { name: '請求・契約', memberIds: [managerId] });
    expect(renamed.json).toEqual({ id: group.id, name: '請求・契約', memberIds: [managerId] });
    expect(
      (await manager.put('/api/v1/groups/00000000-0000-4000-8000-000000000000', { name: 'x', memberIds: [] })).status,
    ).toBe(404);
    expect((await agent.get('/api/v1/groups')).json.items).toContainEqual(renamed.json);
    expect((await agent.get(`/api/v1/tickets/${id}`)).json.groupId).toBe(group.id);
    const groupAudit = (await admin.get(`/api/v1/audit-events?targetId=${group.id}&action=group.update`)).json.items[0];
    expect(groupAudit.summary).toEqual({
      before: { name: '請求チーム', memberIds: [me] },
      after: { name: '請求・契約', memberIds: [managerId] },
    });
  });

  it('changes status along the allowed paths only; a customer reply reopens a solved ticket', async () => {
    const id = (await t.api.post('/api/v1/inquiries', inquiry({ email: 'flow@sakura.example.jp' }))).json.id;
    expect((await agent.patch(`/api/v1/tickets/${id}`, { status: 'closed' })).status).toBe(422);
    expect((await agent.patch(`/api/v1/tickets/${id}`, { status: 'pending' })).json.pendingSince).not.toBeNull();
    const resumed = (await agent.patch(`/api/v1/tickets/${id}`, { status: 'open', priority: 'high' })).json;
    expect(resumed).toMatchObject({ status: 'open', priority: 'high', pendingSince: null });
    expect((await agent.patch(`/api/v1/tickets/${id}`, { status: 'solved' })).json.solvedAt).not.toBeNull();
    expect((await customerA.patch(`/api/v1/tickets/${id}`, { status: 'open' })).status).toBe(403);
    const events = (
      await t.api.as(await t.api.login(ADMIN.email, ADMIN.password)).get(`/api/v1/audit-events?targetId=${id}`)
    ).json.items;
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'ticket.update',
      'ticket.update',
      'ticket.update',
      'ticket.create',
    ]);
  });

  it('sends a reply "as" a status in one step: answered and waiting on the customer, or solved', async () => {
    const id = (await t.api.post('/api/v1/inquiries', inquiry({ email: 'send-as@sakura.example.jp' }))).json.id;
    const asked = await agent.post(`/api/v1/tickets/${id}/messages`, { body: 'ご確認ください。', status: 'pending' });
    expect(asked.status).toBe(201);
    const waiting = (await agent.get(`/api/v1/tickets/${id}`)).json;
    expect(waiting).toMatchObject({ status: 'pending', firstRespondedAt: expect.any(String) });
    expect(waiting.pendingSince).not.toBeNull();
    await agent.post(`/api/v1/tickets/${id}/messages`, { body: '解決しました。', status: 'solved' });
    expect((await agent.get(`/api/v1/tickets/${id}`)).json).toMatchObject({ status: 'solved', pendingSince: null });
    const events = (
      await t.api.as(await t.api.login(ADMIN.email, ADMIN.password)).get(`/api/v1/audit-events?targetId=${id}`)
    ).json.items as Array<{ action: string; summary: { status?: unknown } }>;
    expect(events.slice(0, 2).map((e) => [e.action, e.summary.status])).toEqual([
      ['ticket.reply', { before: 'pending', after: 'solved' }],
      ['ticket.reply', { before: 'new', after: 'pending' }],
    ]);
    const byCustomer = await customerA.post(`/api/v1/tickets/${id}/messages`, { body: '了解', status: 'solved' });
    expect(byCustomer.status).toBe(400);
    expect(byCustomer.json.errors).toEqual([{ field: 'status', messages: ['only staff set a status with a message'] }]);
  });
});

describe('organization export', () => {
  let t: TestApp;
  let admin: ApiClient;
  let customerA: ApiClient;
  let orgA: string;

  beforeAll(async () => {
    t = await startTestApp();
    const factories = await Factories.for(t);
    admin = factories.admin;
    orgA = (await factories.organization('株式会社さくら商事')).id;
    const orgB = (await factories.organization('有限会社もみじ工業')).id;
    const as = { password: PASSWORD };
    customerA = (await factories.customer(orgA, { ...as, email: 'a@sakura.example.jp', name: 'a' })).api;
    await factories.customer(orgB, { ...as, email: 'b@momiji.example.jp', name: 'b' });
    await factories.staff('agent', { ...as, email: 'agent@example.jp', name: 'agent' });
    const first = (await customerA.post('/api/v1/inquiries', inquiry({ subject: '最初の問い合わせ' }))).json.id;
    const agent = t.api.as(await t.api.login('agent@example.jp', PASSWORD));
    await agent.post(`/api/v1/tickets/${first}/messages`, { body: '社内メモ: 非公開', internal: true });
    await agent.post(`/api/v1/tickets/${first}/messages`, { body: '回答です, "引用符" と改行\n入り' });
    // A file on the inquiry (as inbound e-mail brings them), written directly.
    await t.app.get(DataSource).query(
      `INSERT INTO ticket_attachment (id, message_id, filename, content_type, size, content)
       SELECT gen_random_uuid(), id, 'エラー画面.png', 'image/png', 4, '\\x89504e47'::bytea
         FROM ticket_message WHERE ticket_id = $1 AND body = '本日朝からログインできません。'`,
      [first],
    );
    // 600 more tickets, written directly, so that the export crosses its 500-ticket batches.
    await t.app.get(DataSource).query(
      `INSERT INTO ticket (id, number, organization_id, requester_name, requester_email, channel, subject, calendar_id,
         first_response_due_at, first_response_warn_at, resolution_due_at, resolution_warn_at, created_at)
       SELECT gen_random_uuid(), 'MD-2026-9' || lpad(n::text, 5, '0'), $1, 'bulk', 'bulk@example.jp', 'web', 'bulk ' || n, 'support-hours',
         now(), now(), now(), now(), now() - (n || ' minutes')::interval
       FROM generate_series(1, 600) AS n`,
      [orgA],
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  it('streams the organization’s tickets and public messages as JSON and CSV, never internal notes', async () => {
    const json = await customerA.get(`/api/v1/organizations/${orgA}/export?format=json`);
    expect(json.status).toBe(200);
    const tickets = JSON.parse(json.text) as Array<{
      subject: string;
      messages: Array<{ body: string; attachments: Array<Record<string, unknown>> }>;
    }>;
    expect(tickets).toHaveLength(601);
    const first = tickets.find((ticket) => ticket.subject === '最初の問い合わせ')!;
    expect(first.messages.map((m) => m.body)).toEqual([
      '本日朝からログインできません。',
      '回答です, "引用符" と改行\n入り',
    ]);
    expect(json.text).not.toContain('社内メモ');
    // The inquiry's file: its details and where the customer downloads it.
    expect(first.messages.map((m) => m.attachments.length)).toEqual([1, 0]);
    const file = first.messages[0]!.attachments[0]!;
    expect(file).toMatchObject({ filename: 'エラー画面.png', contentType: 'image/png', size: 4 });
    const download = await customerA.get(file.downloadPath as string);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-length')).toBe('4');

    const csv = await customerA.get(`/api/v1/organizations/${orgA}/export?format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text).toContain('"回答です, ""引用符"" と改行\n入り"');
    expect(csv.text.split('\n')[0]).toContain('messageAttachments');
    expect(csv.text).toContain('エラー画面.png');
    expect(csv.text).not.toContain('社内メモ');
  });

  it('refuses other organizations (404), staff below admin (403), and bad formats (400); admins may; exports are audited', async () => {
    const customerB = t.api.as(await t.api.login('b@momiji.example.jp', PASSWORD));
    expect((await customerB.get(`/api/v1/organizations/${orgA}/export?format=json`)).status).toBe(404);
    const agent = t.api.as(await t.api.login('agent@example.jp', PASSWORD));
    expect((await agent.get(`/api/v1/organizations/${orgA}/export?format=json`)).status).toBe(403);
    expect((await customerA.get(`/api/v1/organizations/${orgA}/export?format=xml`)).status).toBe(400);
    expect((await admin.get(`/api/v1/organizations/${orgA}/export?format=csv`)).status).toBe(200);
    const audit = (await admin.get(`/api/v1/audit-events?action=organization.export&targetId=${orgA}`)).json.items;
    expect(
      audit.map((e: { actorEmail: string; summary: { format: string } }) => [e.actorEmail, e.summary.format]),
    ).toEqual([
      [ADMIN.email, 'csv'],
      ['a@sakura.example.jp', 'csv'],
      ['a@sakura.example.jp', 'json'],
    ]);
  });

  it('writes a CSV for people on request: headers and codes in their language, times without the T, a named file', async () => {
    const csv = await customerA.get(`/api/v1/organizations/${orgA}/export?format=csv&language=ja`);
    const [header, first] = csv.text.replace(/^\uFEFF/, '').split('\n');
    expect(header).toBe(
      'チケット番号,件名,状態,優先度,種別,依頼者,依頼者のメールアドレス,受付日時,メッセージの送信者,メッセージの日時,メッセージ,添付ファイル',
    );
    expect(first).toMatch(/^MD-\d{4}-\d{6},/);
    expect(first).toMatch(/,(新規|対応中|お客様の返答待ち|解決済み|完了),/);
    expect(first).toMatch(/,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},/);
    expect(first).not.toMatch(/T\d{2}:\d{2}/);
    const disposition = csv.headers.get('content-disposition') ?? '';
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toMatch(
      /^tickets-株式会社さくら商事-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    expect((await customerA.get(`/api/v1/organizations/${orgA}/export?format=csv&language=fr`)).status).toBe(400);
  });
});

describe('an inquiry whose acknowledgement cannot be queued', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('keeps the ticket, answers 201, keeps the acknowledgement in the outbox and counts the failed relay', async () => {
    await t.app.get(QUEUE_DRIVER).close();
    const response = await t.api.post('/api/v1/inquiries', inquiry({ email: 'noack@example.jp' }));
    expect(response.status).toBe(201);
    const [row] = await t.app.get(DataSource).query(`SELECT number FROM ticket WHERE id = $1`, [response.json.id]);
    expect(row.number).toBe(response.json.number);
    // The relay loop's next pass cannot queue it: counted, and the message stays for a later pass.
    await waitFor(
      async () =>
        (await scrapeMetrics(`${t.baseUrl}/metrics`)).includes('madoguchi_mail_enqueue_failures_total{kind="outbox"}'),
      'a failed relay pass counted',
    );
    const [outboxed] = await t.app
      .get(DataSource)
      .query(`SELECT status, queued_at, attempts FROM mail_outbox WHERE dedup_key = $1`, [
        `ticket-ack.${response.json.id}`,
      ]);
    expect(outboxed).toEqual({ status: 'pending', queued_at: null, attempts: 0 });
  });
});

describe('inquiry rate limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ INQUIRY_RATE_LIMIT_PER_MINUTE: '2' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers 429 with Retry-After past the per-address limit', async () => {
    expect((await t.api.post('/api/v1/inquiries', inquiry())).status).toBe(201);
    expect((await t.api.post('/api/v1/inquiries', inquiry())).status).toBe(201);
    const limited = await t.api.post('/api/v1/inquiries', inquiry());
    expect(limited.status).toBe(429);
    expect(limited.json.code).toBe('inquiry.rate-limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('counts the web form against the same limit as the API', async () => {
    const page = await fetch(`${t.baseUrl}/inquiry`);
    const cookie = page.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const form = new URLSearchParams({
      _csrf: csrf,
      name: '山田',
      email: 'y@example.jp',
      subject: 's',
      body: 'b',
      consent: 'on',
    });
    const response = await fetch(`${t.baseUrl}/inquiry`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(response.status).toBe(429);
    // Told in the reader's words (Japanese by default), with the wait in minutes.
    expect(await response.text()).toMatch(
      /短時間にお問い合わせが集中しています。\d+ 分ほどしてからもう一度お送りください。/,
    );
  });
});
