import { parse } from 'csv-parse/sync';

import { CALL_OUTCOMES, type CallFacts, type CallOutcome, type Skip, tooLong } from './call';

/**
 * Madoguchi's call CSV, for PBXs that do not write an Asterisk queue_log: a header line, then one
 * row per queued call. Times are ISO 8601 with an offset (or Unix seconds); `outcome` is empty for a
 * call still waiting. Wait and talk seconds follow from the times.
 */
export const CALL_CSV_COLUMNS = [
  'call_id',
  'queue',
  'caller_number',
  'entered_at',
  'answered_at',
  'ended_at',
  'outcome',
  'agent',
] as const;

class RowError extends Error {}

const skip = (code: Skip['code'], reason: string): Skip => ({ code, reason });

function instant(value: string, column: string): number | null {
  if (value === '') return null;
  if (/^\d{9,10}$/.test(value)) return Number(value) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value))
    throw new RowError(`${column} "${value.slice(0, 40)}" is not an ISO 8601 time with an offset`);
  return Date.parse(value);
}

const wholeSeconds = (from: number | null, to: number | null) =>
  from === null || to === null ? null : Math.round((to - from) / 1000);

/** Parses one data row, or says why it is unusable. */
export function parseCallCsvRow(text: string): CallFacts | Skip {
  try {
    const rows = parse(text, { relax_column_count: false }) as string[][];
    const cells = (rows[0] ?? []).map((cell) => cell.trim());
    if (cells.length !== CALL_CSV_COLUMNS.length)
      return skip(
        'csv-columns',
        `expected ${CALL_CSV_COLUMNS.length} columns (${CALL_CSV_COLUMNS.join(',')}), found ${cells.length}`,
      );
    const [callId, queue, callerNumber, entered, answered, ended, outcome, agent] = cells as string[];
    if (!callId) return skip('no-call-id', 'call_id is empty');
    const long = tooLong({ pbxCallId: callId, queue, callerNumber, agent });
    if (long) return long;
    if (outcome && !(CALL_OUTCOMES as readonly string[]).includes(outcome))
      return skip('bad-outcome', `outcome "${outcome.slice(0, 20)}" is not one of ${CALL_OUTCOMES.join(', ')}`);
    const enteredAt = instant(entered!, 'entered_at');
    if (enteredAt === null) return skip('no-entered-at', 'entered_at is empty');
    const answeredAt = instant(answered!, 'answered_at');
    const endedAt = instant(ended!, 'ended_at');
    if ((answeredAt ?? enteredAt) < enteredAt || (endedAt ?? enteredAt) < (answeredAt ?? enteredAt))
      return skip('time-order', 'times must run entered_at ≤ answered_at ≤ ended_at');
    return {
      pbxCallId: callId,
      queue: queue || null,
      callerNumber: callerNumber || null,
      enteredAt,
      enteredAtEstimated: false,
      answeredAt,
      endedAt,
      outcome: (outcome || null) as CallOutcome | null,
      waitSeconds: wholeSeconds(enteredAt, answeredAt ?? endedAt),
      talkSeconds: wholeSeconds(answeredAt, endedAt),
      agent: agent || null,
    };
  } catch (error) {
    if (error instanceof RowError) return skip('bad-time', error.message);
    return skip('not-csv', `not a CSV row: ${(error as Error).message.slice(0, 80)}`);
  }
}

export function isCallCsvHeader(text: string): boolean {
  return (
    text
      .replace(/^\uFEFF/, '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .join(',') === CALL_CSV_COLUMNS.join(',')
  );
}
