import { type Principal, SettableClock } from '@madoguchi/common';
import { MaintenanceNoticeService, MaintenanceService, ServiceCatalogService } from '@madoguchi/notices';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

describe('MaintenanceNoticeService', () => {
  const clock = new SettableClock(Date.parse('2026-12-01T10:00:00+09:00'));
  let app: ApplicationUnderTest;
  let manager: Principal;

  beforeAll(async () => {
    app = await startApplication({ MAINTENANCE_REMINDERS: 'P1D' }, { clock });
    manager = await app.user('manager');
  });

  afterAll(() => app?.close());

  it('sends each scheduled notice once, when it falls due', async () => {
    const billing = (await app.get(ServiceCatalogService).create(app.as(manager), '請求')).id;
    const { id } = await app.get(MaintenanceService).announce(app.as(manager), {
      title: '更新',
      kind: 'planned',
      serviceIds: [billing],
      startsAt: new Date('2027-06-05T01:00:00+09:00'),
      endsAt: new Date('2027-06-05T03:00:00+09:00'),
      message: { ja: '止まります。' },
    });
    const notices = app.get(MaintenanceNoticeService);
    const sent = async () =>
      (await app.get(MaintenanceService).get(id)).schedule.filter((entry) => entry.sent).map((entry) => entry.kind);
    expect(await notices.sendDue(Date.parse('2027-06-04T00:59:00+09:00'))).toBe(0);
    expect(await notices.sendDue(Date.parse('2027-06-04T01:00:00+09:00'))).toBe(1);
    expect(await sent()).toEqual(['reminder-P1D']);
    expect(await notices.sendDue(Date.parse('2027-06-04T01:05:00+09:00'))).toBe(0);
    // Start and completion both overdue: one scan sends both.
    expect(await notices.sendDue(Date.parse('2027-06-05T04:00:00+09:00'))).toBe(2);
    expect(await sent()).toEqual(['reminder-P1D', 'start', 'completion']);
    const kinds = await app.query<{ kind: string }>(
      `SELECT kind FROM notice WHERE subject_id = $1 ORDER BY created_at, kind`,
      [id],
    );
    expect(kinds.map((row) => row.kind).sort()).toEqual(
      ['maintenance-announcement', 'maintenance-completion', 'maintenance-reminder', 'maintenance-start'].sort(),
    );
  });
});
