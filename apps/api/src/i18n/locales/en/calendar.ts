import type { calendar as ja } from '../ja/calendar';

export const calendar: Record<keyof typeof ja, string> = {
  'calendar.closedDates': 'Closed dates (one per line, YYYY-MM-DD)',
  'calendar.create': 'Create',
  'calendar.date': 'Date',
  'calendar.edit': 'Edit business calendar: {name}',
  'calendar.holidays': 'Public holidays',
  'calendar.holidays.jp': 'Closed on Japanese public holidays',
  'calendar.holidays.none': 'Ignore public holidays',
  'calendar.id': 'ID (lowercase letters, digits, dashes)',
  'calendar.intervals': 'Open',
  'calendar.name': 'Name',
  'calendar.new': 'New business calendar (starts as a copy of the support hours)',
  'calendar.openDates': 'Special open dates (one per line: YYYY-MM-DD 10:00-15:00)',
  'calendar.preview': 'Open hours in the next 30 days',
  'calendar.saved': 'Saved the business calendar.',
  'calendar.slot': 'Interval {n}',
  'calendar.slot.end': '{day}, interval {n}, end',
  'calendar.slot.start': '{day}, interval {n}, start',
  'calendar.timeZone': 'Time zone',
  'calendar.title': 'Business calendars',
  'calendar.weekday': 'Weekday',
  'calendar.weekly': 'Hours per weekday',
  'calendar.weeklyHint':
    'Times as 09:00, 24-hour clock (an end may be 24:00). A weekday with every interval empty is closed.',
};
