import { type Principal, SettableClock } from '@madoguchi/common';
import { KpiDefinitionService, KpiReportService } from '@madoguchi/kpi';
import {
  DEFAULT_AVAILABILITY_RULES,
  IncidentService,
  MaintenanceService,
  ServiceAvailabilityService,
  ServiceCatalogService,
  StatusPageService,
} from '@madoguchi/notices';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

const at = (local: string) => Date.parse(`${local}+09:00`);
const day = (date: string) => ({ key: date, from: at(`${date}T00:00:00`), to: at(`${date}T00:00:00`) + 86_400_000 });

/**
 * Availability from the records, hand-computed. The console: a major outage detected at 23:30 on
 * 1 December, partial from 00:10, resolved at 00:40 (Dec 1: 30 min down; Dec 2: 10 min + 30 min
 * at half weight = 25 min), and a draft that never counts. Billing: planned maintenance 02:00–04:00
 * on 2 December (out of provided time) and emergency maintenance 20:00–21:00 (downtime).
 */
describe('ServiceAvailabilityService and the figures built on it', () => {
  const clock = new SettableClock(at('2026-05-01T10:00:00'));
  let app: ApplicationUnderTest;
  let manager: Principal;
  let console: string;
  let billing: string;

  beforeAll(async () => {
    app = await startApplication({}, { clock });
    manager = await app.user('manager');
    const catalog = app.get(ServiceCatalogService);
    console = (await catalog.create(app.as(manager), '管理コンソール')).id;
    billing = (await catalog.create(app.as(manager), '請求')).id;
    const maintenance = app.get(MaintenanceService);
    // Seven months ahead, at night: what the rules ask of planned work.
    await maintenance.announce(app.as(manager), {
      title: '定期メンテナンス',
      kind: 'planned',
      serviceIds: [billing],
      startsAt: new Date(at('2026-12-02T02:00:00')),
      endsAt: new Date(at('2026-12-02T04:00:00')),
      message: { ja: '停止します' },
    });

    const incidents = app.get(IncidentService);
    clock.set(at('2026-12-01T23:40:00'));
    const outage = await incidents.create(app.as(manager), {
      title: '管理コンソールに接続できない',
      serviceIds: [console],
      impact: 'major-outage',
      status: 'investigating',
      message: { ja: '調査中です' },
      detectedAt: new Date(at('2026-12-01T23:30:00')),
    });
    await incidents.create(app.as(manager), {
      title: '下書きのまま',
      serviceIds: [console],
      impact: 'major-outage',
      status: 'investigating',
      message: { ja: '下書き' },
      draft: true,
    });
    clock.set(at('2026-12-02T00:10:00'));
    await incidents.addUpdate(app.as(manager), outage.id, {
      status: 'identified',
      impact: 'partial-outage',
      message: { ja: '一部復旧' },
    });
    clock.set(at('2026-12-02T00:40:00'));
    await incidents.addUpdate(app.as(manager), outage.id, { status: 'resolved', message: { ja: '復旧しました' } });

    clock.set(at('2026-12-02T20:00:00'));
    await maintenance.announce(app.as(manager), {
      title: '緊急メンテナンス',
      kind: 'emergency',
      reason: '脆弱性の修正',
      serviceIds: [billing],
      startsAt: new Date(at('2026-12-02T20:00:00')),
      endsAt: new Date(at('2026-12-02T21:00:00')),
      message: { ja: '緊急停止' },
    });
    clock.set(at('2026-12-03T12:00:00'));
  });

  afterAll(() => app?.close());

  it('follows impact changes over midnight, and takes maintenance out or counts it down as the rules say', async () => {
    const figures = await app
      .get(ServiceAvailabilityService)
      .byService([day('2026-12-01'), day('2026-12-02'), day('2026-12-03')], DEFAULT_AVAILABILITY_RULES);
    const of = (id: string) => figures.find((figure) => figure.serviceId === id)!.periods;
    expect(of(console)).toEqual([
      {
        key: '2026-12-01',
        downtimeSeconds: 1800,
        providedSeconds: 86_400,
        value: 1 - 1800 / 86_400,
        worstImpact: 'major-outage',
      },
      {
        key: '2026-12-02',
        downtimeSeconds: 1500,
        providedSeconds: 86_400,
        value: 1 - 1500 / 86_400,
        worstImpact: 'major-outage',
      },
      // Today counts up to now (12:00).
      { key: '2026-12-03', downtimeSeconds: 0, providedSeconds: 43_200, value: 1, worstImpact: null },
    ]);
    expect(of(billing)[1]).toEqual({
      key: '2026-12-02',
      downtimeSeconds: 3600,
      providedSeconds: 86_400 - 7200,
      value: 1 - 3600 / (86_400 - 7200),
      worstImpact: 'maintenance',
    });
    const emergencyAside = await app
      .get(ServiceAvailabilityService)
      .byService([day('2026-12-02')], { ...DEFAULT_AVAILABILITY_RULES, emergencyMaintenanceIsDowntime: false });
    expect(emergencyAside.find((figure) => figure.serviceId === billing)!.periods[0]).toMatchObject({
      downtimeSeconds: 0,
      providedSeconds: 86_400 - 7200 - 3600,
    });
  });

  it('puts 90 JST days per service on the status page, today last, adding up to the 90-day figure', async () => {
    const status = await app.get(StatusPageService).current();
    const consoleStatus = status.services.find((service) => service.id === console)!;
    const { days, last90Days } = consoleStatus.availability;
    expect(days).toHaveLength(90);
    expect([days[0]!.date, days[89]!.date]).toEqual(['2026-09-05', '2026-12-03']);
    expect(days.find((d) => d.date === '2026-12-01')).toMatchObject({
      downtimeSeconds: 1800,
      worstImpact: 'major-outage',
    });
    expect(last90Days).toEqual({
      downtimeSeconds: 3300,
      providedSeconds: 89 * 86_400 + 43_200,
      value: 1 - 3300 / (89 * 86_400 + 43_200),
    });
  });

  it('joins the KPI report: every service’s time added up, by day and by service, with the definition’s weight', async () => {
    const reports = app.get(KpiReportService);
    const period = { from: new Date(at('2026-12-01T00:00:00')), to: new Date(at('2026-12-04T00:00:00')) };
    // Console 216,000 s provided, 3,300 s down; billing 216,000 − 7,200 provided, 3,600 down.
    const total = { value: Number((417_900 / 424_800).toFixed(6)), numerator: 417_900, denominator: 424_800 };
    expect((await reports.report(period)).kpis.serviceAvailability).toEqual(total);

    const byDay = await reports.report({ ...period, groupBy: 'day' });
    expect(byDay.kpis.serviceAvailability).toEqual(total);
    expect(byDay.groups!.map((group) => [group.key, group.kpis.serviceAvailability!.denominator])).toEqual([
      ['2026-12-01', 2 * 86_400],
      ['2026-12-02', 2 * 86_400 - 7200],
      ['2026-12-03', 2 * 43_200],
    ]);
    expect(byDay.groups!.reduce((sum, group) => sum + group.kpis.serviceAvailability!.numerator, 0)).toBe(417_900);
    // Other dimensions have no service: the figure is the total's alone.
    const byChannel = await reports.report({ ...period, dimension: 'channel' });
    expect(byChannel.groups!.every((group) => group.kpis.serviceAvailability === null)).toBe(true);

    const byService = await reports.availabilityByService(period);
    expect(byService.kpis.serviceAvailability).toEqual(total);
    expect(byService.groups).toEqual(
      expect.arrayContaining([
        {
          key: console,
          label: '管理コンソール',
          nameEn: null,
          kpis: {
            serviceAvailability: {
              value: Number((212_700 / 216_000).toFixed(6)),
              numerator: 212_700,
              denominator: 216_000,
            },
          },
        },
      ]),
    );

    // A revised weight makes a new version; the old one still gives the old figure.
    const revised = await app
      .get(KpiDefinitionService)
      .revise(app.as(manager), { availability: { partialOutageWeight: 1 } }, '部分停止も全時間を停止に数える');
    const heavier = await reports.availabilityByService(period);
    expect(heavier.definitionVersion).toBe(revised.version);
    expect(heavier.groups.find((group) => group.key === console)!.kpis.serviceAvailability.numerator).toBe(
      216_000 - 4200,
    );
    const before = await reports.availabilityByService({ ...period, version: revised.version - 1 });
    expect(before.groups.find((group) => group.key === console)!.kpis.serviceAvailability.numerator).toBe(212_700);
  });
});
