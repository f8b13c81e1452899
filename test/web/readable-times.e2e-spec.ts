import { SettableClock } from '@madoguchi/common';

import { Factories, type Person } from '../factories';
import { importPbxLog, queueLogFrom } from '../support/pbx-import';
import { startTestApp, type TestApp } from '../support/test-app';

/** Text a reader sees: the markup (and so `datetime` attributes) left out. */
const visibleText = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ');

const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('pages show instants as people read them and people by name, never ISO 8601 or ids', () => {
  const clock = new SettableClock(Date.parse('2026-12-01T15:00:00+09:00'));
  let t: TestApp;
  let agent: Person;
  let manager: Person;
  const paths: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    const make = await Factories.for(t);
    agent = await make.staff('agent');
    manager = await make.staff('manager');
    const ticket = await make.ticket();
    await agent.api.post(`/api/v1/tickets/${ticket.id}/messages`, { body: 'ご確認ください。' });
    await agent.api.patch(`/api/v1/tickets/${ticket.id}`, { assigneeId: agent.id });
    const call = await agent.api.post('/api/v1/telephony/calls', {
      direction: 'outbound',
      callerNumber: '0312345678',
      startedAt: '2026-12-01T14:00:00+09:00',
      durationSeconds: 180,
      summary: '折り返し',
    });
    await manager.api.post('/api/v1/telephony/closures', {
      startsAt: '2026-12-01T13:00:00+09:00',
      endsAt: '2026-12-01T13:30:00+09:00',
      reason: '停電',
    });
    const { line } = queueLogFrom('2026-12-01T09:00:00+09:00');
    const report = await importPbxLog(
      manager.api,
      [line(60, 'A|support|NONE|ENTERQUEUE||0312345678|1'), line(90, 'A|support|NONE|ABANDON|1|1|30')].join(''),
    );
    Object.assign(paths, {
      ticket: `/desk/tickets/${ticket.id}`,
      call: `/phone/calls/${call.json.id}`,
      calls: '/phone/calls?day=2026-12-01',
      closures: '/phone/closures',
      imports: '/phone/imports',
      import: `/phone/imports/${report.id as string}`,
    });
  });

  afterAll(() => t?.close());

  it.each(['ticket', 'call', 'calls', 'closures', 'imports', 'import'])('the %s page', async (name) => {
    const page = await manager.api.get(paths[name]!);
    expect(page.status).toBe(200);
    const text = visibleText(page.text);
    expect(text.match(ISO_INSTANT)).toBeNull();
    expect(text.match(UUID)).toBeNull();
    // Written as 「12月1日(火) 14:00」 (an import's own time is the database's, so any day).
    expect(text).toMatch(/\d{1,2}月\d{1,2}日\([月火水木金土日]\) \d{2}:\d{2}/);
  });

  it('names the agent who replied and the assignee on the ticket page', async () => {
    const text = visibleText((await manager.api.get(paths.ticket!)).text);
    expect(text).toContain(`${agent.name} (担当者)`);
    expect(text).toContain(`担当者: ${agent.name}`);
  });

  it('names actors and targets in the audit log, linked, and shows no id', async () => {
    const make = await Factories.for(t);
    const admin = await make.staff('admin');
    const organization = await admin.api.post('/api/v1/organizations', { name: '株式会社監査テスト' });
    const page = await admin.api.get('/admin/audit');
    const text = visibleText(page.text);
    expect(text.match(UUID)).toBeNull();
    expect(text).toContain('組織: 株式会社監査テスト');
    expect(page.text).toContain(
      `<a href="/admin/organizations/${organization.json.id as string}">組織: 株式会社監査テスト</a>`,
    );
    expect(page.text).toContain(`<a href="/admin/users/${admin.id}">${admin.name}</a>`);
  });

  it('keeps the machine-readable instant in the datetime attribute', async () => {
    const page = await manager.api.get(paths.call!);
    expect(page.text).toContain('<time datetime="2026-12-01T14:00:00+09:00">12月1日(火) 14:00</time>');
  });
});
