import holidayJp from '@holiday-jp/holiday_jp';

import type { HolidayRule } from './calendar-definition';

/** Which dates are national holidays, and for which years the data can say so. */
export interface HolidaySource {
  firstYear: number;
  lastYear: number;
  holidayName(date: string): string | undefined;
}

const JP_DATES = Object.keys(holidayJp.holidays).sort();

/**
 * Japanese national holidays from @holiday-jp/holiday_jp (maintained from the Cabinet Office's
 * list): substitute holidays (振替休日) and citizens' holidays (国民の休日) included.
 */
const JAPAN: HolidaySource = {
  firstYear: Number(JP_DATES[0]!.slice(0, 4)),
  lastYear: Number(JP_DATES[JP_DATES.length - 1]!.slice(0, 4)),
  holidayName: (date) => (holidayJp.holidays as Record<string, { name: string } | undefined>)[date]?.name,
};

/** No holidays: any year from 1900 to 2300. */
const NONE: HolidaySource = { firstYear: 1900, lastYear: 2300, holidayName: () => undefined };

export function holidaySource(rule: HolidayRule): HolidaySource {
  return rule === 'jp' ? JAPAN : NONE;
}
