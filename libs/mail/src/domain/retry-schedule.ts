/** Where a message (or one notice recipient) stands. */
export type MailDeliveryStatus = 'pending' | 'sent' | 'failed' | 'gave_up';

/** What a recipient's SMTP reply means for its row. */
export type DeliveryOutcome = 'sent' | 'retry' | 'failed';

/**
 * 2xx → sent; 5xx → failed for good (the address is quarantined); 4xx, or no reply at all
 * (connection lost, timeout) → try again later.
 */
export function deliveryOutcome(code: number | undefined, accepted: boolean): DeliveryOutcome {
  if (accepted) return 'sent';
  if (code !== undefined && code >= 500 && code < 600) return 'failed';
  return 'retry';
}

/**
 * How long temporary failures are retried: the wait doubles from `baseSeconds` up to
 * `maxDelaySeconds`, and nothing is tried after `giveUpHours` from the first try. With the defaults
 * (30 s, 10 min, 48 h) a server back after an 8-minute or a 2-hour outage gets the mail within
 * 10 minutes of its return.
 */
export interface RetrySchedule {
  baseSeconds: number;
  maxDelaySeconds: number;
  giveUpHours: number;
}

export function retryScheduleOf(config: {
  MAIL_RETRY_BASE_SECONDS: number;
  MAIL_RETRY_MAX_DELAY_SECONDS: number;
  MAIL_GIVE_UP_HOURS: number;
}): RetrySchedule {
  return {
    baseSeconds: config.MAIL_RETRY_BASE_SECONDS,
    maxDelaySeconds: config.MAIL_RETRY_MAX_DELAY_SECONDS,
    giveUpHours: config.MAIL_GIVE_UP_HOURS,
  };
}

/** When the give-up window that opened at `retryStartedAt` (epoch ms) closes. */
export function retryWindowEnd(schedule: RetrySchedule, retryStartedAt: number): number {
  return retryStartedAt + schedule.giveUpHours * 3_600_000;
}

/**
 * When to try again after `attempts` failed tries (1 after the first): the doubling wait, but never
 * after the window closes — a try that falls due at its end is the one that gives up.
 */
export function nextAttemptAt(schedule: RetrySchedule, attempts: number, retryStartedAt: number, now: number): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const delaySeconds = Math.min(schedule.baseSeconds * 2 ** exponent, schedule.maxDelaySeconds);
  return Math.min(now + delaySeconds * 1000, retryWindowEnd(schedule, retryStartedAt));
}

/**
 * A due message (or batch) whose job has not taken it this long after it was queued is queued
 * again: its job was lost (Redis flushed, or restarted without its data). A job that was only
 * slow to start finds it leased or done and sends nothing.
 */
export const JOB_LOST_AFTER_SECONDS = 30;
