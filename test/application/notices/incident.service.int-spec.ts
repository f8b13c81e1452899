import { type Principal, SettableClock } from '@madoguchi/common';
import { IncidentService, ServiceCatalogService } from '@madoguchi/notices';

import { type ApplicationUnderTest, startApplication } from '../../support/application';
import { waitFor } from '../../support/wait-for';

describe('IncidentService', () => {
  const clock = new SettableClock(Date.parse('2026-12-01T10:40:00+09:00'));
  let app: ApplicationUnderTest;
  let incidents: IncidentService;
  let manager: Principal;
  let billing: string;

  const opening = (overrides: Partial<Parameters<IncidentService['create']>[1]> = {}) => ({
    title: '請求画面に接続できない',
    serviceIds: [billing],
    impact: 'major-outage' as const,
    status: 'investigating' as const,
    message: { ja: '調査しています。', en: 'Investigating.' },
    ...overrides,
  });

  beforeAll(async () => {
    app = await startApplication({}, { clock });
    incidents = app.get(IncidentService);
    manager = await app.user('manager');
    billing = (await app.get(ServiceCatalogService).create(app.as(manager), '請求')).id;
    const organizationId = await app.organization();
    await app.user('customer', { organizationId });
    await app.user('customer', { organizationId });
  });

  afterAll(() => app?.close());

  it('publishes an incident detected 20 minutes ago with its notice, delivered to every subscriber', async () => {
    const created = await incidents.create(
      app.as(manager),
      opening({ detectedAt: new Date('2026-12-01T10:20:00+09:00') }),
    );
    expect(created).toMatchObject({
      draft: false,
      detectedAt: '2026-12-01T10:20:00+09:00',
      noticeDeadlineAt: '2026-12-01T11:20:00+09:00',
      publishedAt: '2026-12-01T10:40:00+09:00',
      secondsToFirstNotice: 1200,
      notifiedWithinDeadline: true,
      delivery: { total: 2 },
    });
    await waitFor(async () => (await incidents.get(created.id)).delivery.sent === 2, 'both notices to be sent');
    expect(await app.audited('incident.create', created.id)).toHaveLength(1);
  });

  it('keeps a draft off the record until published, once', async () => {
    const draft = await incidents.create(app.as(manager), opening({ draft: true }));
    expect(draft).toMatchObject({ draft: true, publishedAt: null, delivery: { total: 0 } });
    expect((await incidents.listPublished(new Date(0))).map((incident) => incident.id)).not.toContain(draft.id);
    // Changing a draft is recorded like any other change, though nothing goes out yet.
    clock.set(clock.now() + 60_000);
    const updated = await incidents.addUpdate(app.as(manager), draft.id, {
      status: 'identified',
      impact: 'major-outage',
      message: { ja: '原因を特定しました。' },
    });
    expect(await app.audited('incident.update.add', draft.id)).toEqual([
      {
        actorId: manager.userId,
        summary: { updateId: updated.updates[0]!.id, status: 'identified', impact: 'major-outage', draft: true },
      },
    ]);
    clock.set(clock.now() + 4 * 60_000);
    const published = await incidents.publish(app.as(manager), draft.id);
    expect(published).toMatchObject({ draft: false, publishedAt: '2026-12-01T10:45:00+09:00' });
    await expect(incidents.publish(app.as(manager), draft.id)).rejects.toMatchObject({ code: 'incident.published' });
  });

  it('resolves with an update, and refuses detection in the future or an unknown service', async () => {
    const { id } = await incidents.create(app.as(manager), opening());
    clock.set(clock.now() + 60_000);
    const resolved = await incidents.addUpdate(app.as(manager), id, {
      status: 'resolved',
      message: { ja: '復旧しました。' },
    });
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: expect.any(String) });
    // Newest first, each with the impact in force from it on.
    expect(resolved.updates.map((update) => [update.status, update.impact])).toEqual([
      ['resolved', 'major-outage'],
      ['investigating', 'major-outage'],
    ]);
    await expect(
      incidents.create(app.as(manager), opening({ detectedAt: new Date(clock.now() + 2 * 60_000) })),
    ).rejects.toMatchObject({ fieldProblems: [{ field: 'detectedAt' }] });
    await expect(
      incidents.create(app.as(manager), opening({ serviceIds: ['00000000-0000-4000-8000-000000000000'] })),
    ).rejects.toMatchObject({ fieldProblems: [{ field: 'serviceIds' }] });
    await expect(incidents.get('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'incident.not-found',
    });
  });
});
