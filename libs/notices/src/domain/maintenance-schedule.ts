import { addCalendarMonths } from './notice-rules';

/** A reminder before a maintenance window: a number of calendar months, or a fixed duration. */
export type ReminderOffset = { period: string } & ({ months: number } | { milliseconds: number });

const UNIT_MS = { W: 7 * 24 * 3_600_000, D: 24 * 3_600_000, H: 3_600_000 } as const;

/** The units a reminder period is counted in: months, weeks, days, hours. */
export const REMINDER_UNITS = ['M', 'W', 'D', 'H'] as const;
export type ReminderUnit = (typeof REMINDER_UNITS)[number];

/** A reminder period ("P1M", "PT12H") as an amount of a unit; null when it is not one. */
export function reminderPeriod(period: string): { amount: number; unit: ReminderUnit } | null {
  const [, amount, unit] = /^PT?(\d+)([MWDH])$/.exec(period) ?? [];
  return amount && unit ? { amount: Number(amount), unit: unit as ReminderUnit } : null;
}

/** Parses MAINTENANCE_REMINDERS ("P1M,P1W,P1D", "PT12H"); the config validator has checked the syntax. */
export function parseReminderOffsets(spec: string): ReminderOffset[] {
  return spec
    .split(',')
    .map((period) => period.trim())
    .filter(Boolean)
    .map((period) => {
      const parsed = reminderPeriod(period);
      if (!parsed) throw new Error(`not a reminder period: ${period}`);
      return parsed.unit === 'M'
        ? { period, months: parsed.amount }
        : { period, milliseconds: parsed.amount * UNIT_MS[parsed.unit] };
    });
}

export interface ScheduledNotice {
  kind: string;
  dueAt: number;
}

/**
 * The notices a window owes after its announcement: each reminder still ahead of `publishedAt`
 * (a month's reminder makes no sense for an emergency announced two days ahead), then the start
 * and completion notices.
 */
export function maintenanceSchedule(
  window: { startsAt: number; endsAt: number; publishedAt: number },
  reminders: ReminderOffset[],
  timeZone: string,
): ScheduledNotice[] {
  const dueReminders = reminders
    .map((offset) => ({
      kind: `reminder-${offset.period}`,
      dueAt:
        'months' in offset
          ? addCalendarMonths(window.startsAt, -offset.months, timeZone)
          : window.startsAt - offset.milliseconds,
    }))
    .filter((reminder) => reminder.dueAt > window.publishedAt);
  return [...dueReminders, { kind: 'start', dueAt: window.startsAt }, { kind: 'completion', dueAt: window.endsAt }];
}
