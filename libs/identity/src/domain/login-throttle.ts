export interface ThrottleRule {
  /** Failed attempts allowed inside the window before further attempts are refused. */
  maxFailures: number;
  windowMs: number;
}

export const ACCOUNT_THROTTLE: ThrottleRule = { maxFailures: 5, windowMs: 15 * 60_000 };
export const ADDRESS_THROTTLE: ThrottleRule = { maxFailures: 30, windowMs: 15 * 60_000 };

/**
 * Given the times of recent failures (any order), whether another attempt is refused now and for
 * how long: until enough failures have left the window.
 */
export function throttleVerdict(
  failures: Date[],
  rule: ThrottleRule,
  now: Date,
): { blocked: false } | { blocked: true; retryAfterSeconds: number } {
  const windowStart = now.getTime() - rule.windowMs;
  const recent = failures
    .map((at) => at.getTime())
    .filter((at) => at > windowStart)
    .sort((a, b) => a - b);
  if (recent.length < rule.maxFailures) return { blocked: false };
  const freedAt = recent[recent.length - rule.maxFailures]! + rule.windowMs;
  return { blocked: true, retryAfterSeconds: Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000)) };
}
