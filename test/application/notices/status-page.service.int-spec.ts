import { type Principal, SettableClock } from '@madoguchi/common';
import { IncidentService, MaintenanceService, ServiceCatalogService, StatusPageService } from '@madoguchi/notices';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

describe('StatusPageService', () => {
  // Tuesday 20:00 in Tokyo: the desk is closed, so an emergency window may run now.
  const clock = new SettableClock(Date.parse('2026-12-01T20:00:00+09:00'));
  let app: ApplicationUnderTest;
  let manager: Principal;

  beforeAll(async () => {
    app = await startApplication({}, { clock });
    manager = await app.user('manager');
  });

  afterAll(() => app?.close());

  it('shows each service’s worst state from published incidents and maintenance, and no draft', async () => {
    const catalog = app.get(ServiceCatalogService);
    const [billing, console, mail] = [
      (await catalog.create(app.as(manager), '請求')).id,
      (await catalog.create(app.as(manager), '管理コンソール')).id,
      (await catalog.create(app.as(manager), 'メール配信')).id,
    ];
    const incidents = app.get(IncidentService);
    const incident = (serviceIds: string[], impact: 'degraded' | 'major-outage', draft = false) =>
      incidents.create(app.as(manager), {
        title: '障害',
        serviceIds,
        impact,
        status: 'identified',
        message: { ja: '対応中' },
        draft,
      });
    const published = await incident([billing], 'degraded');
    await incident([billing], 'major-outage', true);
    await app.get(MaintenanceService).announce(app.as(manager), {
      title: '緊急メンテナンス',
      kind: 'emergency',
      reason: '脆弱性',
      serviceIds: [console],
      startsAt: new Date(clock.now() - 60_000),
      endsAt: new Date(clock.now() + 3_600_000),
      message: { ja: '停止中' },
    });
    const status = await app.get(StatusPageService).current();
    const stateOf = (id: string) => status.services.find((service) => service.id === id)!.status;
    expect([stateOf(billing), stateOf(console), stateOf(mail)]).toEqual([
      'degraded',
      'under-maintenance',
      'operational',
    ]);
    expect(status.openIncidents.map((open) => open.id)).toEqual([published.id]);
    expect(status.maintenanceInProgress.map((window) => window.title)).toEqual(['緊急メンテナンス']);
    expect(status.history).toMatchObject({ days: 90, incidents: [] });
  });
});
