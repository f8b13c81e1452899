import { type Principal, SettableClock } from '@madoguchi/common';
import { IncidentAlertService, IncidentService, ServiceCatalogService } from '@madoguchi/notices';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

const at = (local: string) => Date.parse(`2026-12-01T${local}:00+09:00`);

describe('IncidentAlertService', () => {
  const clock = new SettableClock(at('10:00'));
  let app: ApplicationUnderTest;
  let alerts: IncidentAlertService;
  let manager: Principal;
  let draftId: string;

  beforeAll(async () => {
    app = await startApplication({ ALERT_MAIL_TO: 'oncall@madoguchi.test' }, { clock });
    alerts = app.get(IncidentAlertService);
    manager = await app.user('manager');
    const billing = (await app.get(ServiceCatalogService).create(app.as(manager), '請求')).id;
    draftId = (
      await app.get(IncidentService).create(app.as(manager), {
        title: '請求が遅い',
        serviceIds: [billing],
        impact: 'degraded',
        status: 'investigating',
        message: { ja: '調査中' },
        draft: true,
      })
    ).id;
  });

  afterAll(() => app?.close());

  const alarmsTo = async () =>
    app.query<{ to: string[] }>(`SELECT message->'to' AS to FROM mail_outbox WHERE dedup_key LIKE $1`, [
      `incident-alert.${draftId}.%`,
    ]);

  it('alarms at 30 and 45 minutes after detection while nothing is published, once per mark', async () => {
    const marks = async (now: string) =>
      (await alerts.scan(at(now))).filter((alert) => alert.incidentId === draftId).map((alert) => alert.minutes);
    expect(await marks('10:29')).toEqual([]);
    expect(await marks('10:30')).toEqual([30]);
    expect(await marks('10:31')).toEqual([]);
    expect(await marks('10:46')).toEqual([45]);
    expect((await alarmsTo()).flatMap((mail) => mail.to).sort()).toEqual(
      [manager.email, manager.email, 'oncall@madoguchi.test', 'oncall@madoguchi.test'].sort(),
    );
    expect(await alerts.unnotified()).toEqual([
      expect.objectContaining({ id: draftId, title: '請求が遅い', alertedAt: 45 }),
    ]);
  });

  it('leaves the desk banner once the incident is published', async () => {
    clock.set(at('10:50'));
    await app.get(IncidentService).publish(app.as(manager), draftId);
    expect(await alerts.unnotified()).toEqual([]);
  });
});
