import { type CalendarDefinition, CalendarService } from '@madoguchi/business-calendar';
import type { Principal } from '@madoguchi/common';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

const weekdays = (start: string, end: string) => ({
  sunday: [],
  monday: [{ start, end }],
  tuesday: [{ start, end }],
  wednesday: [{ start, end }],
  thursday: [{ start, end }],
  friday: [{ start, end }],
  saturday: [],
});

const YEAR_END: CalendarDefinition = {
  id: 'year-end-desk',
  name: '年末年始窓口',
  timeZone: 'Asia/Tokyo',
  weekly: weekdays('10:00', '16:00'),
  holidays: 'jp',
  closedDates: ['2026-12-29'],
  openDates: [],
};

describe('CalendarService', () => {
  let app: ApplicationUnderTest;
  let calendars: CalendarService;
  let manager: Principal;

  beforeAll(async () => {
    app = await startApplication();
    calendars = app.get(CalendarService);
    manager = await app.user('manager');
  });

  afterAll(() => app?.close());

  it('stores a calendar and computes with it; a change is seen by the next computation', async () => {
    await calendars.create(app.as(manager), YEAR_END);
    expect((await calendars.list()).map((calendar) => calendar.id)).toContain('year-end-desk');
    const monday = Date.parse('2026-12-28T00:00:00+09:00');
    const opensAt = async () => (await calendars.calendar('year-end-desk')).nextOpen(monday);
    expect(await opensAt()).toBe(Date.parse('2026-12-28T10:00:00+09:00'));
    await calendars.update(app.as(manager), 'year-end-desk', {
      ...YEAR_END,
      closedDates: ['2026-12-28', '2026-12-29'],
    });
    // The 28th closed as well as the 29th: Wednesday the 30th at 10:00.
    expect(await opensAt()).toBe(Date.parse('2026-12-30T10:00:00+09:00'));
    expect(await app.audited('calendar.update', 'year-end-desk')).toHaveLength(1);
  });

  it('refuses a taken id, an unknown calendar and an invalid definition, field by field', async () => {
    await expect(calendars.create(app.as(manager), { ...YEAR_END, id: 'support-hours' })).rejects.toMatchObject({
      code: 'calendar.id-taken',
    });
    await expect(calendars.update(app.as(manager), 'no-such', YEAR_END)).rejects.toMatchObject({
      code: 'calendar.not-found',
    });
    await expect(
      calendars.create(app.as(manager), {
        ...YEAR_END,
        id: 'broken',
        timeZone: 'Mars/Olympus',
        weekly: weekdays('17:00', '09:00'),
      }),
    ).rejects.toMatchObject({
      fieldProblems: expect.arrayContaining([expect.objectContaining({ field: 'timeZone' })]),
    });
    await expect(calendars.definition('broken')).rejects.toMatchObject({ code: 'calendar.not-found' });
  });
});
