import { CalendarDefinition, Weekday, WEEKDAYS } from '../domain/calendar-definition';

const DAY_NAMES = {
  ja: { monday: '月', tuesday: '火', wednesday: '水', thursday: '木', friday: '金', saturday: '土', sunday: '日' },
  en: {
    monday: 'Mon',
    tuesday: 'Tue',
    wednesday: 'Wed',
    thursday: 'Thu',
    friday: 'Fri',
    saturday: 'Sat',
    sunday: 'Sun',
  },
} as const;

/**
 * The weekly hours in one line, days with the same hours grouped:
 * `月–金 09:00–12:00, 13:00–17:00（祝日を除く）` / `Mon–Fri 09:00–12:00, 13:00–17:00 (except public holidays)`.
 */
export function describeWeeklyHours(definition: CalendarDefinition, language: 'ja' | 'en'): string {
  const mondayFirst = [...WEEKDAYS.slice(1), WEEKDAYS[0]];
  const groups: Array<{ days: Weekday[]; hours: string }> = [];
  for (const day of mondayFirst) {
    const hours = definition.weekly[day].map((i) => `${i.start}–${i.end}`).join(', ');
    if (!hours) continue;
    const last = groups[groups.length - 1];
    const previousDay = mondayFirst[mondayFirst.indexOf(day) - 1];
    if (last && last.hours === hours && previousDay && last.days[last.days.length - 1] === previousDay)
      last.days.push(day);
    else groups.push({ days: [day], hours });
  }
  const names = DAY_NAMES[language];
  const text = groups
    .map((g) => `${names[g.days[0]!]}${g.days.length > 1 ? `–${names[g.days[g.days.length - 1]!]}` : ''} ${g.hours}`)
    .join(language === 'ja' ? '、' : '; ');
  if (definition.holidays !== 'jp') return text;
  return language === 'ja' ? `${text}（祝日を除く）` : `${text} (except Japanese public holidays)`;
}
