import { addCalendarMonths } from './notice-rules';

/** A reminder before a maintenance window: a number of calendar months, or a fixed duration. */
export type ReminderOffset = { period: string } & ({ months: number } | { milliseconds: number });

const UNIT_MS = { W: 7 * 24 * 3_600_000, D: 24 * 3_600_000, H: 3_600_000 } as const;

/** Parses MAINTENANCE_REMINDERS ("P1M,P1W,P1D", "PT12H"); the config validator has checked the syntax. */
export function parseReminderOffsets(spec: string): ReminderOffset[] {
  return spec
    .split(',')
    .map((period) => period.trim())
    .filter(Boolean)
    .map((period) => {
      const [, amount, unit] = /^PT?(\d+)([MWDH])$/.exec(period) ?? [];
      if (!amount || !unit) throw new Error(`not a reminder period: ${period}`);
      return unit === 'M'
        ? { period, months: Number(amount) }
        : { period, milliseconds: Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS] };
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
