export const CALL_OUTCOMES = ['answered', 'abandoned', 'timeout', 'exit-key', 'exit-empty', 'transferred'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

export const PRESENCE_STATES = ['available', 'paused', 'offline'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

/**
 * What a run of PBX lines says about one call. Every field is "unknown" (null) until a line tells
 * it; a later file fills in what an earlier one could not (a call cut between two files).
 */
export interface CallFacts {
  pbxCallId: string;
  queue: string | null;
  callerNumber: string | null;
  enteredAt: number | null;
  /** `enteredAt` worked out from a later event's wait time, because the ENTERQUEUE line was not seen. */
  enteredAtEstimated: boolean;
  answeredAt: number | null;
  endedAt: number | null;
  outcome: CallOutcome | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
  agent: string | null;
}

/** An agent's availability changing at an instant; intervals run from one change to the next. */
export interface PresenceChange {
  agent: string;
  at: number;
  state: PresenceState;
  reason: string | null;
  /** Orders changes that share a timestamp (the log's line number). */
  ordinal: number;
}

export function emptyCall(pbxCallId: string): CallFacts {
  return {
    pbxCallId,
    queue: null,
    callerNumber: null,
    enteredAt: null,
    enteredAtEstimated: false,
    answeredAt: null,
    endedAt: null,
    outcome: null,
    waitSeconds: null,
    talkSeconds: null,
    agent: null,
  };
}

/** When the ENTERQUEUE line is missing, the call entered `wait` seconds before it was answered or left. */
export function withEstimatedEntry(call: CallFacts): CallFacts {
  if (call.enteredAt !== null || call.waitSeconds === null) return call;
  const anchor = call.answeredAt ?? call.endedAt;
  if (anchor === null) return call;
  return { ...call, enteredAt: anchor - call.waitSeconds * 1000, enteredAtEstimated: true };
}
