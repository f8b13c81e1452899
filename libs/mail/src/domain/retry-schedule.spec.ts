import fc from 'fast-check';

import { deliveryOutcome, nextAttemptAt, type RetrySchedule, retryWindowEnd } from './retry-schedule';

const DEFAULTS: RetrySchedule = { baseSeconds: 30, maxDelaySeconds: 600, giveUpHours: 48 };
const START = Date.UTC(2026, 11, 1, 0, 0);

/** Every try of a message that never gets through (the last, at the window's end, gives up), as offsets in seconds. */
function tries(schedule: RetrySchedule): number[] {
  const at = [0];
  for (let attempts = 1; at.at(-1)! * 1000 < schedule.giveUpHours * 3_600_000; attempts++)
    at.push((nextAttemptAt(schedule, attempts, START, START + at.at(-1)! * 1000) - START) / 1000);
  return at;
}

describe('retry schedule', () => {
  it('doubles from 30 s to 10 min, then tries every 10 min until 48 h have passed', () => {
    const offsets = tries(DEFAULTS);
    expect(offsets.slice(0, 7)).toEqual([0, 30, 90, 210, 450, 930, 1530]);
    // The last one falls exactly at the window's end: the try that gives up.
    expect(offsets.at(-1)).toBe(48 * 3600);
    expect(offsets.at(-1)! - offsets.at(-2)!).toBeLessThanOrEqual(600);
    // Not minutes, as before: hundreds of tries spread over two days.
    expect(offsets.length).toBeGreaterThan(280);
  });

  it('reaches a server back from an 8-minute or a 2-hour outage within the longest wait of its return', () => {
    const offsets = tries(DEFAULTS);
    for (const outageSeconds of [8 * 60, 2 * 3600]) {
      const firstAfter = offsets.find((offset) => offset >= outageSeconds)!;
      expect(firstAfter - outageSeconds).toBeLessThanOrEqual(DEFAULTS.maxDelaySeconds);
    }
  });

  it('never waits longer than the maximum or less than the base, and never past the window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 1, max: 7200 }),
        fc.integer({ min: 1, max: 72 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 72 * 3600 }),
        (base, max, hours, attempts, elapsed) => {
          const schedule = { baseSeconds: base, maxDelaySeconds: max, giveUpHours: hours };
          const now = START + elapsed * 1000;
          const next = nextAttemptAt(schedule, attempts, START, now);
          const end = retryWindowEnd(schedule, START);
          const wait = next - now;
          if (next === end) return wait <= max * 1000; // cut short by the window (or already past it)
          return next < end && wait <= max * 1000 && wait >= Math.min(base, max) * 1000;
        },
      ),
    );
  });

  it('classifies replies: 2xx sent, 5xx failed for good, 4xx and no reply retried', () => {
    expect(deliveryOutcome(250, true)).toBe('sent');
    expect(deliveryOutcome(550, false)).toBe('failed');
    expect(deliveryOutcome(421, false)).toBe('retry');
    expect(deliveryOutcome(undefined, false)).toBe('retry');
  });
});
