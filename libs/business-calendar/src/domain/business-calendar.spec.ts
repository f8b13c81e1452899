import { BusinessCalendar } from './business-calendar';
import { ALWAYS_OPEN, CalendarDefinition, SUPPORT_HOURS } from './calendar-definition';
import { CalendarRangeError } from './day-hours';

const support = new BusinessCalendar(SUPPORT_HOURS);
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const HOUR = 3_600_000;

describe('support-hours (Asia/Tokyo, 9–12 and 13–17 on weekdays, Japanese holidays)', () => {
  it('is closed at 12:00 and open again at 13:00 (half-open intervals)', () => {
    expect(support.isOpen(at('2026-11-30T11:59:59.999+09:00'))).toBe(true);
    expect(support.isOpen(at('2026-11-30T12:00:00+09:00'))).toBe(false);
    expect(support.isOpen(at('2026-11-30T12:59:59.999+09:00'))).toBe(false);
    expect(support.isOpen(at('2026-11-30T13:00:00+09:00'))).toBe(true);
    expect(support.isOpen(at('2026-11-30T17:00:00+09:00'))).toBe(false);
    expect(support.isOpen(at('2026-11-30T09:00:00+09:00'))).toBe(true);
  });

  it('adds to the earliest instant: 10:00 + 2 h is 12:00, not 13:00; 10:00 + 2 h 1 min is 13:01', () => {
    expect(iso(support.addBusinessTime(at('2026-11-30T10:00:00+09:00'), 2 * HOUR))).toBe(
      iso(at('2026-11-30T12:00:00+09:00')),
    );
    expect(iso(support.addBusinessTime(at('2026-11-30T10:00:00+09:00'), 2 * HOUR + 60_000))).toBe(
      iso(at('2026-11-30T13:01:00+09:00')),
    );
  });

  it('subtracts to the latest instant: 13:30 − 1 h is 11:30; 13:30 − 30 min is 13:00', () => {
    expect(iso(support.addBusinessTime(at('2026-11-30T13:30:00+09:00'), -HOUR))).toBe(
      iso(at('2026-11-30T11:30:00+09:00')),
    );
    expect(iso(support.addBusinessTime(at('2026-11-30T13:30:00+09:00'), -HOUR / 2))).toBe(
      iso(at('2026-11-30T13:00:00+09:00')),
    );
  });

  it('a Friday 16:00 inquiry with 4 business hours is due Monday 12:00', () => {
    expect(iso(support.addBusinessTime(at('2026-11-27T16:00:00+09:00'), 4 * HOUR))).toBe(
      iso(at('2026-11-30T12:00:00+09:00')),
    );
  });

  it('skips Golden Week 2026 including the 2026-05-06 substitute holiday', () => {
    // Thu 2026-04-30 16:00 + 2 h: 1 h on 04-30, then Fri 05-01 09:00 + 1 h.
    expect(iso(support.addBusinessTime(at('2026-04-30T16:00:00+09:00'), 2 * HOUR))).toBe(
      iso(at('2026-05-01T10:00:00+09:00')),
    );
    // Fri 05-01 16:00 + 2 h: weekend, 05-04..05-06 holidays, so Thu 05-07 10:00.
    expect(iso(support.addBusinessTime(at('2026-05-01T16:00:00+09:00'), 2 * HOUR))).toBe(
      iso(at('2026-05-07T10:00:00+09:00')),
    );
    expect(support.businessTimeBetween(at('2026-05-02T00:00:00+09:00'), at('2026-05-07T00:00:00+09:00'))).toBe(0);
  });

  it('skips Golden Week 2027 (04-29, 05-03..05-05)', () => {
    expect(iso(support.nextOpen(at('2027-05-01T00:00:00+09:00')))).toBe(iso(at('2027-05-06T09:00:00+09:00')));
    expect(support.businessTimeBetween(at('2027-04-28T00:00:00+09:00'), at('2027-05-01T00:00:00+09:00'))).toBe(
      2 * 7 * HOUR,
    );
  });

  it('is closed on the 2026-09-22 citizens’ holiday between Respect for the Aged Day and the equinox', () => {
    expect(support.isOpen(at('2026-09-22T10:00:00+09:00'))).toBe(false);
    expect(iso(support.nextOpen(at('2026-09-19T10:00:00+09:00')))).toBe(iso(at('2026-09-24T09:00:00+09:00')));
  });

  it('counts a day as 7 hours, and is negative when `to` is before `from`', () => {
    const monday = at('2026-11-30T00:00:00+09:00');
    const tuesday = at('2026-12-01T00:00:00+09:00');
    expect(support.businessTimeBetween(monday, tuesday)).toBe(7 * HOUR);
    expect(support.businessTimeBetween(tuesday, monday)).toBe(-7 * HOUR);
  });

  it('crosses the year boundary (2026-12-31 Thu open, New Year’s Day closed)', () => {
    expect(iso(support.addBusinessTime(at('2026-12-31T16:00:00+09:00'), 2 * HOUR))).toBe(
      iso(at('2027-01-04T10:00:00+09:00')),
    );
    expect(iso(support.addBusinessTime(at('2027-01-04T09:30:00+09:00'), -HOUR))).toBe(
      iso(at('2026-12-31T16:30:00+09:00')),
    );
    expect(iso(support.nextClose(at('2026-12-31T16:00:00+09:00')))).toBe(iso(at('2026-12-31T17:00:00+09:00')));
  });

  it('an inquiry at 23:00 on a holiday eve waits for the next business day', () => {
    // 2026-11-22 (Sun) 23:00; Mon 11-23 is Labour Thanksgiving Day.
    expect(iso(support.addBusinessTime(at('2026-11-22T23:00:00+09:00'), 4 * HOUR))).toBe(
      iso(at('2026-11-24T14:00:00+09:00')),
    );
  });

  it('finds the end of the Nth business day, skipping weekends and holidays', () => {
    // Solved Fri 2026-11-20; Mon 11-23 is a holiday: Tue–Fri are 4, the 5th is Mon 11-30, closing 17:00.
    expect(iso(support.endOfBusinessDays(at('2026-11-20T15:00:00+09:00'), 5))).toBe(
      iso(at('2026-11-30T17:00:00+09:00')),
    );
  });

  it('lists open intervals clipped to the range', () => {
    const intervals = support.openIntervals(at('2026-11-30T10:00:00+09:00'), at('2026-12-01T10:00:00+09:00'));
    expect(intervals.map((i) => [iso(i.start), iso(i.end)])).toEqual([
      [iso(at('2026-11-30T10:00:00+09:00')), iso(at('2026-11-30T12:00:00+09:00'))],
      [iso(at('2026-11-30T13:00:00+09:00')), iso(at('2026-11-30T17:00:00+09:00'))],
      [iso(at('2026-12-01T09:00:00+09:00')), iso(at('2026-12-01T10:00:00+09:00'))],
    ]);
  });

  it('says so outside the holiday data instead of treating the day as open', () => {
    expect(() => support.isOpen(at('2051-06-01T10:00:00+09:00'))).toThrow(CalendarRangeError);
    expect(() => support.businessTimeBetween(at('2026-01-01T00:00:00+09:00'), at('2060-01-01T00:00:00+09:00'))).toThrow(
      /covers 1970–2050/,
    );
  });

  it('honours closed dates and special open dates', () => {
    const calendar = new BusinessCalendar({
      ...SUPPORT_HOURS,
      closedDates: ['2026-12-29', '2026-12-30', '2026-12-31'],
      openDates: [{ date: '2026-12-26', intervals: [{ start: '10:00', end: '15:00' }] }],
    });
    expect(calendar.isOpen(at('2026-12-29T10:00:00+09:00'))).toBe(false);
    expect(calendar.businessTimeBetween(at('2026-12-26T00:00:00+09:00'), at('2026-12-27T00:00:00+09:00'))).toBe(
      5 * HOUR,
    );
  });
});

describe('always-open', () => {
  const always = new BusinessCalendar(ALWAYS_OPEN);

  it('counts wall-clock time and never closes within the data range', () => {
    expect(always.businessTimeBetween(at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z'))).toBe(365 * 24 * HOUR);
    expect(always.nextOpen(at('2026-05-05T03:00:00Z'))).toBe(at('2026-05-05T03:00:00Z'));
    expect(always.nextClose(at('2026-05-05T03:00:00Z'))).toBeNull();
  });
});

describe('DST', () => {
  const nineToFive = (timeZone: string): CalendarDefinition => ({
    id: 'dst',
    name: 'dst',
    timeZone,
    holidays: 'none',
    weekly: Object.fromEntries(
      ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].map((day) => [
        day,
        [
          { start: '01:00', end: '03:00' },
          { start: '09:00', end: '17:00' },
        ],
      ]),
    ) as CalendarDefinition['weekly'],
    closedDates: [],
    openDates: [],
  });

  it.each([
    ['America/New_York', '2026-03-08', -5, -4, 1],
    ['America/New_York', '2026-11-01', -4, -5, 3],
    ['Europe/London', '2026-03-29', 0, 1, 1],
    ['Europe/London', '2026-10-25', 1, 0, 3],
  ])(
    '%s on %s: 09:00–17:00 lasts 8 h and 01:00–03:00 lasts %i→%i offset, %i h',
    (zone, date, before, after, nightHours) => {
      const calendar = new BusinessCalendar(nineToFive(zone));
      const day = Date.parse(`${date}T00:00:00Z`);
      const nine = calendar.openIntervals(day, day + 36 * HOUR).find((i) => i.end - i.start === 8 * HOUR);
      expect(nine).toBeDefined();
      const localNine = new Date(nine!.start + after * HOUR).toISOString();
      expect(localNine).toBe(`${date}T09:00:00.000Z`);
      const nightStart = Date.parse(`${date}T01:00:00Z`) - before * HOUR;
      expect(calendar.businessTimeBetween(nightStart, nightStart + 4 * HOUR)).toBe(nightHours * HOUR);
    },
  );

  it('never counts twice the instants two local intervals share across a skipped hour', () => {
    // London 2025-03-30: 01:00–02:00 local does not exist, so 00:00–01:15 runs to 02:15 BST (01:15Z)
    // and overlaps 02:00–02:15 BST (01:00Z–01:15Z).
    const sunday = {
      ...nineToFive('Europe/London'),
      weekly: {
        ...nineToFive('Europe/London').weekly,
        sunday: [
          { start: '00:00', end: '01:15' },
          { start: '02:00', end: '02:15' },
        ],
      },
    };
    const calendar = new BusinessCalendar(sunday);
    expect(calendar.businessTimeBetween(Date.parse('2025-03-30T00:00:00Z'), Date.parse('2025-03-30T02:00:00Z'))).toBe(
      75 * 60_000,
    );
  });
});
