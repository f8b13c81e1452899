import { SettableClock } from '@madoguchi/common';

import { Factories } from '../factories';
import type { ApiClient } from '../support/api-client';
import { startTestApp, TestApp } from '../support/test-app';

describe('maintenance announcements keep the published rules', () => {
  let t: TestApp;
  let manager: ApiClient;
  let serviceId: string;
  // Published on Saturday 2026-11-28 10:00 JST: planned work may start 2027-05-28 10:00 at the earliest.
  const clock = new SettableClock(Date.parse('2026-11-28T10:00:00+09:00'));
  const window = (startsAt: string, endsAt: string, extra: Record<string, unknown> = {}) => ({
    title: 'データベース更新',
    serviceIds: [serviceId],
    startsAt,
    endsAt,
    kind: 'planned',
    message: { ja: 'データベース更新のため停止します。', en: 'Stopping for a database upgrade.' },
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    manager = (await (await Factories.for(t)).staff('manager')).api;
    const created = await manager.post('/api/v1/services', { name: '管理画面' });
    expect(created.status).toBe(201);
    serviceId = created.json.id;
    expect((await manager.post('/api/v1/services', { name: '管理画面' })).status).toBe(409);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses planned maintenance 6 months less a day ahead, naming the earliest start', async () => {
    const response = await manager.post(
      '/api/v1/maintenances',
      window('2027-05-27T01:00:00+09:00', '2027-05-27T05:00:00+09:00'),
    );
    expect(response.status).toBe(422);
    expect(response.json).toMatchObject({
      code: 'maintenance.notice-too-short',
      rule: 'maintenance.notice-too-short',
      field: 'startsAt',
      earliestStartsAt: '2027-05-28T10:00:00+09:00',
    });
  });

  it('refuses emergency maintenance without a reason, and accepts it with one', async () => {
    const tonight = window('2026-11-28T22:00:00+09:00', '2026-11-29T02:00:00+09:00', { kind: 'emergency' });
    expect((await manager.post('/api/v1/maintenances', tonight)).json).toMatchObject({
      rule: 'maintenance.reason-required',
    });
    const accepted = await manager.post('/api/v1/maintenances', { ...tonight, reason: '脆弱性の修正' });
    expect(accepted.status).toBe(201);
    expect(accepted.json).toMatchObject({ kind: 'emergency', emergency: true, reason: '脆弱性の修正' });
  });

  it('refuses a window touching Monday 16:30–17:30 JST, naming the overlap; accepts Saturday 01:00–05:00', async () => {
    const monday = await manager.post(
      '/api/v1/maintenances',
      window('2027-06-07T16:30:00+09:00', '2027-06-07T17:30:00+09:00'),
    );
    expect(monday.status).toBe(422);
    expect(monday.json).toMatchObject({
      rule: 'maintenance.overlaps-support-hours',
      overlapStartsAt: '2027-06-07T16:30:00+09:00',
      overlapEndsAt: '2027-06-07T17:00:00+09:00',
    });
    expect(monday.json.detail).toContain('2027-06-07T16:30:00+09:00 – 2027-06-07T17:00:00+09:00');
    const saturday = await manager.post(
      '/api/v1/maintenances',
      window('2027-06-05T01:00:00+09:00', '2027-06-05T05:00:00+09:00'),
    );
    expect(saturday.status).toBe(201);
    expect(saturday.json).toMatchObject({
      startsAt: '2027-06-05T01:00:00+09:00',
      publishedAt: '2026-11-28T10:00:00+09:00',
      serviceIds: [serviceId],
    });
    const listed = (await manager.get('/api/v1/maintenances')).json.items;
    expect(listed.map((m: { startsAt: string }) => m.startsAt)).toEqual([
      '2026-11-28T22:00:00+09:00',
      '2027-06-05T01:00:00+09:00',
    ]);
  });

  it('checks fields before rules', async () => {
    const bad = await manager.post('/api/v1/maintenances', {
      ...window('soon', 'later'),
      serviceIds: ['x'],
      kind: 'someday',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'endsAt',
      'kind',
      'serviceIds',
      'startsAt',
    ]);
  });

  it('wants service changes announced 3 calendar months ahead', async () => {
    const change = { title: '旧 API の提供終了', message: { ja: '旧 API は提供を終了します。' } };
    const early = await manager.post('/api/v1/service-changes', {
      ...change,
      effectiveAt: '2027-02-28T09:59:59+09:00',
    });
    expect(early.status).toBe(422);
    expect(early.json).toMatchObject({
      rule: 'service-change.notice-too-short',
      earliestEffectiveAt: '2027-02-28T10:00:00+09:00',
    });
    const onTime = await manager.post('/api/v1/service-changes', {
      ...change,
      effectiveAt: '2027-03-01T00:00:00+09:00',
    });
    expect(onTime.status).toBe(201);
    expect((await manager.get('/api/v1/service-changes')).json.items).toEqual([
      expect.objectContaining({ title: '旧 API の提供終了', effectiveAt: '2027-03-01T00:00:00+09:00' }),
    ]);
    // The public sees it on the status page (and in its JSON) until it takes effect.
    const status = (await t.api.get('/api/v1/status')).json;
    expect(status.upcomingServiceChanges).toEqual([
      expect.objectContaining({ title: '旧 API の提供終了', effectiveAt: '2027-03-01T00:00:00+09:00' }),
    ]);
    expect((await t.api.get('/status')).text).toContain('実施: 2027年3月1日(月) 00:00');
  });

  it('a manager announces a service change from the maintenance page; the rule is told on the form', async () => {
    const form = {
      changeTitle: '帳票 CSV の形式変更',
      changeMessageJa: '列の順序が変わります。',
      effectiveAt: '2027-01-15T10:00',
    };
    const early = await manager.post('/maintenance/service-changes', form);
    expect(early.status).toBe(400);
    expect(early.text).toContain('3 か月');
    expect(early.text).toContain('value="帳票 CSV の形式変更"');
    const missing = await manager.post('/maintenance/service-changes', { ...form, changeTitle: '' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('id="title-error"');
    expect(missing.text).toContain('aria-invalid="true"');
    const done = await manager.post('/maintenance/service-changes', { ...form, effectiveAt: '2027-04-01T10:00' });
    // Redirected to the page again (fetch follows), which lists it.
    expect(done.status).toBe(200);
    expect(done.text).toContain('帳票 CSV の形式変更');
    expect((await manager.get('/api/v1/service-changes')).json.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ title: '帳票 CSV の形式変更', effectiveAt: '2027-04-01T10:00:00+09:00' }),
      ]),
    );
  });
});
