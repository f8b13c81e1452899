import type { Skip } from './call';

/**
 * One line of an Asterisk `queue_log`: `epoch|callid|queue|agent|EVENT|data1|data2|…`.
 * Field meanings follow Asterisk's "Queue Logs" documentation; `NONE` stands for "no value".
 */
export interface QueueLogLine {
  /** Milliseconds since the epoch (the log has whole seconds, some PBXs add a fraction). */
  at: number;
  callId: string | null;
  queue: string | null;
  agent: string | null;
  event: string;
  data: string[];
}

export type ParsedLine = { ok: true; line: QueueLogLine } | ({ ok: false } & Skip);

const EPOCH = /^\d{9,10}(\.\d{1,6})?$/;

const orNull = (value: string | undefined): string | null =>
  value === undefined || value === '' || value === 'NONE' ? null : value;

export function parseQueueLogLine(text: string): ParsedLine {
  const fields = text.split('|');
  if (fields.length < 5)
    return {
      ok: false,
      code: 'too-few-fields',
      reason: `expected at least 5 '|'-separated fields, found ${fields.length}`,
    };
  const [epoch, callId, queue, agent, event, ...data] = fields as [string, string, string, string, string];
  if (!EPOCH.test(epoch))
    return { ok: false, code: 'bad-timestamp', reason: `timestamp "${epoch.slice(0, 40)}" is not a Unix epoch` };
  if (!/^[A-Z_]{1,40}$/.test(event))
    return { ok: false, code: 'bad-event', reason: `event "${event.slice(0, 40)}" is not an event name` };
  return {
    ok: true,
    line: {
      at: Math.round(Number(epoch) * 1000),
      callId: orNull(callId),
      queue: orNull(queue),
      agent: orNull(agent),
      event,
      data,
    },
  };
}
