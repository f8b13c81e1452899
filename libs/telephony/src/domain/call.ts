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

/** Column widths of what a PBX line may set: a longer value makes the line skipped, never the file failed. */
export const FIELD_LIMITS = { pbxCallId: 200, queue: 100, callerNumber: 100, agent: 200, reason: 100 } as const;

/** Why a line was skipped, as a stable code (reports group by it) and the detail for that line. */
export const SKIP_CODES = [
  'binary',
  'too-few-fields',
  'bad-timestamp',
  'bad-event',
  'no-agent',
  'no-call-id',
  'bad-number',
  'bad-transfer',
  'too-long',
  'csv-header',
  'csv-columns',
  'bad-outcome',
  'bad-time',
  'no-entered-at',
  'time-order',
  'not-csv',
] as const;
export type SkipCode = (typeof SKIP_CODES)[number];

export interface Skip {
  code: SkipCode;
  reason: string;
}

/** The first field of `fields` longer than its column, as a skip; null when all fit. */
export function tooLong(fields: Partial<Record<keyof typeof FIELD_LIMITS, string | null>>): Skip | null {
  for (const [name, value] of Object.entries(fields) as Array<[keyof typeof FIELD_LIMITS, string | null]>)
    if (value && value.length > FIELD_LIMITS[name])
      return {
        code: 'too-long',
        reason: `${name} is ${value.length} characters long, more than ${FIELD_LIMITS[name]}`,
      };
  return null;
}
