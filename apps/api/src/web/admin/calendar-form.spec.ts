import { SUPPORT_HOURS } from '@madoguchi/business-calendar';

import {
  calendarFormFields,
  calendarFromForm,
  errorsByFormField,
  parseIntervals,
  weeklySlotCount,
} from './calendar-form';

describe('the calendar edit form', () => {
  it('reads intervals written with hyphens, en dashes or 〜, separated by commas', () => {
    expect(parseIntervals('09:00-12:00, 13:00–17:00')).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ]);
    expect(parseIntervals('10:00〜15:00')).toEqual([{ start: '10:00', end: '15:00' }]);
    expect(parseIntervals('')).toEqual([]);
    expect(parseIntervals('9 to 5')).toBeNull();
  });

  it('round-trips a definition through its form fields', () => {
    const withExtras = {
      ...SUPPORT_HOURS,
      closedDates: ['2026-12-29', '2026-12-30'],
      openDates: [{ date: '2026-12-26', intervals: [{ start: '10:00', end: '15:00' }] }],
    };
    const { definition, errors } = calendarFromForm('support-hours', calendarFormFields(withExtras), 'en');
    expect(errors).toEqual({});
    expect(definition).toEqual(withExtras);
  });

  it('writes each weekday interval into its own slot of the grid', () => {
    const fields = calendarFormFields(SUPPORT_HOURS);
    expect(fields).toMatchObject({
      'weekly.monday.0.start': '09:00',
      'weekly.monday.0.end': '12:00',
      'weekly.monday.1.start': '13:00',
      'weekly.monday.1.end': '17:00',
    });
    expect(fields['weekly.saturday.0.start']).toBeUndefined();
    // Two intervals a day: three slots still (one free); four filled on a day: five.
    expect(weeklySlotCount(fields)).toBe(3);
    expect(weeklySlotCount({ ...fields, 'weekly.friday.3.start': '20:00', 'weekly.friday.3.end': '22:00' })).toBe(5);
  });

  it('reads empty slots as no interval, a day with none as closed, and refuses a half-filled slot under its day', () => {
    const fields = {
      ...calendarFormFields(SUPPORT_HOURS),
      'weekly.monday.1.start': '',
      'weekly.monday.1.end': '',
      'weekly.tuesday.2.start': '18:00',
    };
    const { definition, errors } = calendarFromForm('x', fields, 'ja');
    expect(definition.weekly.monday).toEqual([{ start: '09:00', end: '12:00' }]);
    expect(definition.weekly.saturday).toEqual([]);
    expect(errors).toEqual({
      'weekly.tuesday': ['開始と終了の両方を入力してください（使わない時間帯は両方とも空欄）。'],
    });
  });

  it('reports unreadable extra opening hours under their field', () => {
    const fields = { ...calendarFormFields(SUPPORT_HOURS), openDates: '2026-12-26 all day' };
    expect(calendarFromForm('x', fields, 'ja').errors).toEqual({
      openDates: ['時間帯は 09:00-12:00, 13:00-17:00 のように入力してください。'],
    });
  });

  it('files domain problems under the form field they belong to', () => {
    expect(
      errorsByFormField(
        [
          { field: 'weekly.monday[1]', messages: ['end must be after start'], rule: 'calendar.end-before-start' },
          { field: 'closedDates[2]', messages: ['must be a YYYY-MM-DD date'], rule: 'calendar.date' },
          { field: 'timeZone', messages: ['bad zone'] },
        ],
        'ja',
      ),
    ).toEqual({
      'weekly.monday': ['終了時刻は開始時刻より後にしてください。'],
      closedDates: ['#3: YYYY-MM-DD の形式の日付で入力してください。'],
      // A problem with no rule the catalog knows keeps its own words.
      timeZone: ['bad zone'],
    });
  });
});
