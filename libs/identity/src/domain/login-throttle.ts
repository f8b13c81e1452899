export interface ThrottleRule {
  /** Failed attempts allowed inside the window before further attempts are refused. */
  maxFailures: number;
  windowMs: number;
}

const FIFTEEN_MINUTES = 15 * 60_000;

/**
 * One account from one address: a stranger guessing from their machine is slowed down there, and
 * only there — the account's owner signing in from their usual address is not.
 */
export const PAIR_THROTTLE: ThrottleRule = { maxFailures: 5, windowMs: FIFTEEN_MINUTES };
/** One address, whatever accounts it tries. */
export const ADDRESS_THROTTLE: ThrottleRule = { maxFailures: 30, windowMs: FIFTEEN_MINUTES };
/**
 * One account from addresses it never signed in from (a guess spread over many machines); its
 * familiar addresses are not refused by this rule, so a flood cannot lock the owner out.
 */
export const UNFAMILIAR_ACCOUNT_THROTTLE: ThrottleRule = { maxFailures: 50, windowMs: FIFTEEN_MINUTES };

/** The longest window of the rules: failures older than this no longer count anywhere. */
export const THROTTLE_WINDOW_MS = FIFTEEN_MINUTES;

/** How long an address counts as the account's usual one after a complete sign-in from it. */
export const FAMILIAR_ADDRESS_DAYS = 90;

export type ThrottleVerdict = { blocked: false } | { blocked: true; retryAfterSeconds: number };

/**
 * Given the times of recent failures (any order), whether another attempt is refused now and for
 * how long: until enough failures have left the window.
 */
export function throttleVerdict(failures: Date[], rule: ThrottleRule, now: Date): ThrottleVerdict {
  const windowStart = now.getTime() - rule.windowMs;
  const recent = failures
    .map((at) => at.getTime())
    .filter((at) => at > windowStart)
    .sort((a, b) => a - b);
  if (recent.length < rule.maxFailures) return { blocked: false };
  const freedAt = recent[recent.length - rule.maxFailures]! + rule.windowMs;
  return { blocked: true, retryAfterSeconds: Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000)) };
}

/** Recent failures that bear on one attempt, by rule. */
export interface FailureHistory {
  pair: Date[];
  address: Date[];
  /** The account's failures from unfamiliar addresses; empty when this attempt's address is familiar. */
  unfamiliar: Date[];
}

/** The attempt's verdict: refused for as long as the strictest rule that applies says. */
export function attemptVerdict(history: FailureHistory, now: Date): ThrottleVerdict {
  const verdicts = [
    throttleVerdict(history.pair, PAIR_THROTTLE, now),
    throttleVerdict(history.address, ADDRESS_THROTTLE, now),
    throttleVerdict(history.unfamiliar, UNFAMILIAR_ACCOUNT_THROTTLE, now),
  ];
  const retryAfterSeconds = Math.max(0, ...verdicts.map((v) => (v.blocked ? v.retryAfterSeconds : 0)));
  return retryAfterSeconds === 0 ? { blocked: false } : { blocked: true, retryAfterSeconds };
}
