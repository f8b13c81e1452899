import type { PresenceState } from './call';

export interface PresenceInterval {
  agent: string;
  state: PresenceState;
  reason: string | null;
  from: number;
  /** Null while the interval is still open. */
  to: number | null;
}

/**
 * Joins an agent's back-to-back intervals of the same state and reason (ADDMEMBER followed by
 * AGENTLOGIN, a PAUSE logged once per queue) and clips them to [from, to).
 */
export function mergeIntervals(intervals: PresenceInterval[], from: number, to: number): PresenceInterval[] {
  const merged: PresenceInterval[] = [];
  for (const interval of intervals) {
    const clipped = {
      ...interval,
      from: Math.max(interval.from, from),
      to: interval.to === null ? null : Math.min(interval.to, to),
    };
    if (clipped.to !== null && clipped.to <= clipped.from) continue;
    const previous = merged.at(-1);
    if (
      previous &&
      previous.agent === clipped.agent &&
      previous.state === clipped.state &&
      previous.reason === clipped.reason &&
      previous.to === clipped.from
    )
      previous.to = clipped.to;
    else merged.push(clipped);
  }
  return merged;
}
