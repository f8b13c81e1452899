import { type Principal, SettableClock } from '@madoguchi/common';
import { MaintenanceService, ServiceCatalogService } from '@madoguchi/notices';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

const at = (local: string) => new Date(`${local}+09:00`);

describe('MaintenanceService', () => {
  const clock = new SettableClock(Date.parse('2026-12-01T10:00:00+09:00'));
  let app: ApplicationUnderTest;
  let maintenances: MaintenanceService;
  let manager: Principal;
  let billing: string;

  const window = (overrides: Partial<Parameters<MaintenanceService['announce']>[1]> = {}) => ({
    title: 'データベース更新',
    kind: 'planned' as const,
    serviceIds: [billing],
    // A Saturday night, six months and four days ahead.
    startsAt: at('2027-06-05T01:00:00'),
    endsAt: at('2027-06-05T03:00:00'),
    message: { ja: '請求画面が使えません。' },
    ...overrides,
  });

  beforeAll(async () => {
    app = await startApplication({}, { clock });
    maintenances = app.get(MaintenanceService);
    manager = await app.user('manager');
    billing = (await app.get(ServiceCatalogService).create(app.as(manager), '請求')).id;
  });

  afterAll(() => app?.close());

  it('announces planned maintenance six months ahead with its reminder, start and completion schedule', async () => {
    const announced = await maintenances.announce(app.as(manager), window());
    expect(announced).toMatchObject({
      kind: 'planned',
      emergency: false,
      startsAt: '2027-06-05T01:00:00+09:00',
      publishedAt: '2026-12-01T10:00:00+09:00',
      cancelledAt: null,
    });
    const detail = await maintenances.get(announced.id);
    expect(detail.schedule.map((entry) => [entry.kind, entry.dueAt])).toEqual([
      ['reminder-P1M', '2027-05-05T01:00:00+09:00'],
      ['reminder-P1W', '2027-05-29T01:00:00+09:00'],
      ['reminder-P1D', '2027-06-04T01:00:00+09:00'],
      ['start', '2027-06-05T01:00:00+09:00'],
      ['completion', '2027-06-05T03:00:00+09:00'],
    ]);
    expect((await maintenances.list()).map((listed) => listed.id)).toContain(announced.id);
  });

  it('refuses too short a notice, an emergency without a reason, and any window in support hours', async () => {
    await expect(
      maintenances.announce(
        app.as(manager),
        window({ startsAt: at('2027-05-29T01:00:00'), endsAt: at('2027-05-29T03:00:00') }),
      ),
    ).rejects.toMatchObject({ code: 'maintenance.notice-too-short' });
    const tonight = { startsAt: at('2026-12-01T20:00:00'), endsAt: at('2026-12-01T22:00:00') };
    await expect(
      maintenances.announce(app.as(manager), window({ kind: 'emergency', ...tonight })),
    ).rejects.toMatchObject({ code: 'maintenance.reason-required' });
    const emergency = await maintenances.announce(
      app.as(manager),
      window({ kind: 'emergency', reason: '脆弱性の修正', ...tonight }),
    );
    expect(emergency).toMatchObject({ emergency: true, reason: '脆弱性の修正' });
    await expect(
      maintenances.announce(
        app.as(manager),
        window({
          kind: 'emergency',
          reason: '急ぎ',
          startsAt: at('2026-12-01T16:30:00'),
          endsAt: at('2026-12-01T18:00:00'),
        }),
      ),
    ).rejects.toMatchObject({ code: 'maintenance.overlaps-support-hours' });
  });

  it('posts an update, cancels, and then refuses further changes', async () => {
    const { id } = await maintenances.announce(app.as(manager), window({ title: '回線工事' }));
    const updated = await maintenances.postUpdate(app.as(manager), id, { ja: '時間を延長します。' });
    expect(updated.message).toEqual({ ja: '時間を延長します。', en: null });
    const cancelled = await maintenances.cancel(app.as(manager), id, { ja: '中止します。' });
    expect(cancelled).toMatchObject({ cancelledAt: '2026-12-01T10:00:00+09:00', cancelReason: '中止します。' });
    expect(cancelled.schedule.filter((entry) => !entry.cancelled)).toEqual([]);
    await expect(maintenances.postUpdate(app.as(manager), id, { ja: 'x' })).rejects.toMatchObject({
      code: 'maintenance.cancelled',
    });
    await expect(maintenances.get('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'maintenance.not-found',
    });
  });
});
