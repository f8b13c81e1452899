import { type Principal, SettableClock } from '@madoguchi/common';
import { DisclosureService } from '@madoguchi/kpi';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

describe('DisclosureService', () => {
  const clock = new SettableClock(Date.parse('2026-12-01T10:00:00+09:00'));
  let app: ApplicationUnderTest;
  let disclosures: DisclosureService;
  let manager: Principal;

  beforeAll(async () => {
    app = await startApplication({ COMPANY_NAME: '株式会社マドグチ' }, { clock });
    disclosures = app.get(DisclosureService);
    manager = await app.user('manager');
  });

  afterAll(() => app?.close());

  it('previews a month with its support hours: November 2026 has two weekday holidays', async () => {
    const preview = await disclosures.preview('2026-11');
    expect(preview).toMatchObject({
      month: '2026-11',
      companyName: '株式会社マドグチ',
      from: '2026-11-01T00:00:00+09:00',
      to: '2026-12-01T00:00:00+09:00',
      supportHours: { openDays: 19, openHours: 133, closedWeekdays: ['2026-11-03', '2026-11-23'] },
      calls: { offered: 0 },
    });
  });

  it('publishes a finished month once, frozen, shown publicly only when chosen', async () => {
    const published = await disclosures.publish(app.as(manager), '2026-11', false);
    expect(published).toMatchObject({ month: '2026-11', isPublic: false });
    expect((await disclosures.list(false)).map((report) => report.month)).toEqual([]);
    await disclosures.setPublic(app.as(manager), '2026-11', true);
    expect((await disclosures.list(false)).map((report) => report.month)).toEqual(['2026-11']);
    const pdf = await disclosures.pdf('2026-11', 'ja', { publicOnly: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await expect(disclosures.publish(app.as(manager), '2026-11', true)).rejects.toMatchObject({
      code: 'disclosure.already-published',
    });
    await expect(disclosures.publish(app.as(manager), '2026-12', true)).rejects.toMatchObject({
      code: 'disclosure.month-not-over',
    });
    await expect(disclosures.pdf('2026-10', 'ja', { publicOnly: true })).rejects.toMatchObject({
      code: 'disclosure.not-found',
    });
    expect(await app.audited('disclosure.publish', '2026-11')).toHaveLength(1);
  });
});
