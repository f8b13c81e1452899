import { BusinessCalendar, SUPPORT_HOURS } from '@madoguchi/business-calendar/domain';

import { addCalendarMonths, maintenanceViolations, serviceChangeViolations } from './notice-rules';

const jst = (local: string) => Date.parse(`${local}+09:00`);
const support = new BusinessCalendar(SUPPORT_HOURS);

describe('notice rules', () => {
  it('counts calendar months in Japan time, clamping to the end of shorter months', () => {
    expect(addCalendarMonths(jst('2026-11-28T10:00:00'), 6, 'Asia/Tokyo')).toBe(jst('2027-05-28T10:00:00'));
    expect(addCalendarMonths(jst('2026-08-31T09:30:00'), 6, 'Asia/Tokyo')).toBe(jst('2027-02-28T09:30:00'));
    expect(addCalendarMonths(jst('2027-08-31T09:30:00'), 6, 'Asia/Tokyo')).toBe(jst('2028-02-29T09:30:00'));
    // 23:30 JST is the previous day in UTC: the Japanese date is the one that counts.
    expect(addCalendarMonths(jst('2026-01-31T23:30:00'), 1, 'Asia/Tokyo')).toBe(jst('2026-02-28T23:30:00'));
  });

  it('refuses planned maintenance announced less than 6 months ahead, naming the earliest start', () => {
    const publishedAt = jst('2026-11-28T10:00:00');
    // A Saturday night window, so only the notice rule is in play.
    const window = { startsAt: jst('2027-05-29T01:00:00'), endsAt: jst('2027-05-29T05:00:00') };
    expect(maintenanceViolations({ ...window, kind: 'planned', publishedAt }, support)).toEqual([]);
    const sixMonthsLessADay = { startsAt: jst('2027-05-22T01:00:00'), endsAt: jst('2027-05-22T05:00:00') };
    expect(
      maintenanceViolations(
        { ...sixMonthsLessADay, kind: 'planned', publishedAt: jst('2026-11-23T01:00:00') },
        support,
      ).map((v) => v.rule),
    ).toEqual(['maintenance.notice-too-short']);
  });

  it('lets emergency maintenance through with a reason only', () => {
    const window = { startsAt: jst('2026-11-28T22:00:00'), endsAt: jst('2026-11-29T02:00:00') };
    const publishedAt = jst('2026-11-28T20:00:00');
    expect(maintenanceViolations({ ...window, kind: 'emergency', reason: '脆弱性対応', publishedAt }, support)).toEqual(
      [],
    );
    expect(
      maintenanceViolations({ ...window, kind: 'emergency', reason: ' ', publishedAt }, support).map((v) => v.rule),
    ).toEqual(['maintenance.reason-required']);
  });

  it('names the support-hours interval a window overlaps; a Saturday night window is fine', () => {
    const publishedAt = jst('2026-01-05T10:00:00');
    const monday = { startsAt: jst('2026-11-30T16:30:00'), endsAt: jst('2026-11-30T17:30:00') };
    expect(maintenanceViolations({ ...monday, kind: 'planned', publishedAt }, support)).toEqual([
      expect.objectContaining({
        rule: 'maintenance.overlaps-support-hours',
        details: { overlapStartsAt: '2026-11-30T16:30:00+09:00', overlapEndsAt: '2026-11-30T17:00:00+09:00' },
      }),
    ]);
    const saturday = { startsAt: jst('2026-12-05T01:00:00'), endsAt: jst('2026-12-05T05:00:00') };
    expect(maintenanceViolations({ ...saturday, kind: 'planned', publishedAt }, support)).toEqual([]);
  });

  it('wants service changes 3 calendar months ahead', () => {
    const publishedAt = jst('2026-11-30T12:00:00');
    expect(serviceChangeViolations(publishedAt, jst('2027-02-28T12:00:00'), 'Asia/Tokyo')).toEqual([]);
    expect(serviceChangeViolations(publishedAt, jst('2027-02-28T11:59:59'), 'Asia/Tokyo')).toEqual([
      expect.objectContaining({
        rule: 'service-change.notice-too-short',
        details: { earliestEffectiveAt: '2027-02-28T12:00:00+09:00' },
      }),
    ]);
  });
});
