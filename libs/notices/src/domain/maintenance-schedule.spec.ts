import { maintenanceSchedule, parseReminderOffsets } from './maintenance-schedule';

const at = (iso: string) => Date.parse(iso);
const ZONE = 'Asia/Tokyo';

describe('maintenance schedule', () => {
  it('parses reminder periods', () => {
    expect(parseReminderOffsets('P1M, P1W,P1D,PT12H')).toEqual([
      { period: 'P1M', months: 1 },
      { period: 'P1W', milliseconds: 7 * 86_400_000 },
      { period: 'P1D', milliseconds: 86_400_000 },
      { period: 'PT12H', milliseconds: 12 * 3_600_000 },
    ]);
    expect(parseReminderOffsets('')).toEqual([]);
  });

  it('owes a month, a week and a day before, then start and completion', () => {
    const schedule = maintenanceSchedule(
      {
        startsAt: at('2027-05-29T01:00:00+09:00'),
        endsAt: at('2027-05-29T05:00:00+09:00'),
        publishedAt: at('2026-11-28T10:00:00+09:00'),
      },
      parseReminderOffsets('P1M,P1W,P1D'),
      ZONE,
    );
    expect(schedule.map((s) => [s.kind, new Date(s.dueAt).toISOString()])).toEqual([
      ['reminder-P1M', '2027-04-28T16:00:00.000Z'],
      ['reminder-P1W', '2027-05-21T16:00:00.000Z'],
      ['reminder-P1D', '2027-05-27T16:00:00.000Z'],
      ['start', '2027-05-28T16:00:00.000Z'],
      ['completion', '2027-05-28T20:00:00.000Z'],
    ]);
  });

  it('a calendar month before the 31st clamps, and reminders already past are left out', () => {
    const schedule = maintenanceSchedule(
      {
        startsAt: at('2027-03-31T01:00:00+09:00'),
        endsAt: at('2027-03-31T02:00:00+09:00'),
        publishedAt: at('2027-03-26T12:00:00+09:00'),
      },
      parseReminderOffsets('P1M,P1W,P1D'),
      ZONE,
    );
    expect(schedule.map((s) => s.kind)).toEqual(['reminder-P1D', 'start', 'completion']);
    const full = maintenanceSchedule(
      { startsAt: at('2027-03-31T01:00:00+09:00'), endsAt: at('2027-03-31T02:00:00+09:00'), publishedAt: 0 },
      parseReminderOffsets('P1M'),
      ZONE,
    );
    expect(new Date(full[0]!.dueAt).toISOString()).toBe('2027-02-27T16:00:00.000Z');
  });
});
