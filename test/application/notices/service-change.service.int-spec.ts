import { type Principal, SettableClock } from '@madoguchi/common';
import { ServiceChangeService } from '@madoguchi/notices';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

describe('ServiceChangeService', () => {
  const clock = new SettableClock(Date.parse('2026-12-01T10:00:00+09:00'));
  let app: ApplicationUnderTest;
  let changes: ServiceChangeService;
  let manager: Principal;
  const message = { ja: '旧プランの提供を終了します。', en: 'The old plan ends.' };

  beforeAll(async () => {
    app = await startApplication({}, { clock });
    changes = app.get(ServiceChangeService);
    manager = await app.user('manager');
  });

  afterAll(() => app?.close());

  it('announces a change three calendar months ahead (Tokyo), listed by effective date and audited', async () => {
    const later = await changes.announce(app.as(manager), {
      title: '旧プラン終了',
      effectiveAt: new Date('2027-06-01T00:00:00+09:00'),
      message,
    });
    const earliest = await changes.announce(app.as(manager), {
      title: '新料金',
      effectiveAt: new Date('2027-03-01T10:00:00+09:00'),
      message: { ja: '料金を改定します。' },
    });
    expect(earliest).toMatchObject({
      effectiveAt: '2027-03-01T10:00:00+09:00',
      publishedAt: '2026-12-01T10:00:00+09:00',
      message: { ja: '料金を改定します。', en: null },
    });
    expect((await changes.list()).map((change) => change.id)).toEqual([earliest.id, later.id]);
    expect(await app.audited('service-change.announce', later.id)).toHaveLength(1);
  });

  it('refuses one a minute short of three months, saying when it could take effect', async () => {
    await expect(
      changes.announce(app.as(manager), {
        title: '急な変更',
        effectiveAt: new Date('2027-03-01T09:59:00+09:00'),
        message,
      }),
    ).rejects.toMatchObject({
      code: 'service-change.notice-too-short',
      details: { field: 'effectiveAt', earliestEffectiveAt: '2027-03-01T10:00:00+09:00' },
    });
  });
});
