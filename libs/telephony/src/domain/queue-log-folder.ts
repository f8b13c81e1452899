import {
  type CallFacts,
  type CallOutcome,
  emptyCall,
  type PresenceChange,
  type Skip,
  type SkipCode,
  tooLong,
  withEstimatedEntry,
} from './call';
import type { QueueLogLine } from './queue-log';

/** Events that end a caller's stay in the queue, and the data field holding the wait in seconds. */
const LEAVING: Record<string, { outcome: CallOutcome; waitField: number }> = {
  ABANDON: { outcome: 'abandoned', waitField: 2 }, // position|origposition|waittime
  EXITWITHTIMEOUT: { outcome: 'timeout', waitField: 2 }, // position|origposition|waittime
  EXITWITHKEY: { outcome: 'exit-key', waitField: 3 }, // key|position|origposition|waittime
  EXITEMPTY: { outcome: 'exit-empty', waitField: 2 }, // position|origposition|waittime
};

const PRESENCE: Record<string, PresenceChange['state']> = {
  AGENTLOGIN: 'available',
  AGENTCALLBACKLOGIN: 'available',
  ADDMEMBER: 'available',
  UNPAUSE: 'available',
  UNPAUSEALL: 'available',
  PAUSE: 'paused',
  PAUSEALL: 'paused',
  AGENTLOGOFF: 'offline',
  AGENTCALLBACKLOGOFF: 'offline',
  REMOVEMEMBER: 'offline',
};

/** Known events that say nothing about calls or presence. */
const INFORMATIONAL = new Set(['QUEUESTART', 'CONFIGRELOAD', 'SYSCOMPAT', 'DID', 'INFO']);

class LineError extends Error {
  constructor(
    readonly code: SkipCode,
    message: string,
  ) {
    super(message);
  }
}

function seconds(data: string[], index: number, name: string): number | null {
  const raw = data[index];
  if (raw === undefined || raw === '') return null;
  if (!/^\d{1,9}$/.test(raw))
    throw new LineError('bad-number', `${name} "${raw.slice(0, 20)}" is not a whole number of seconds`);
  return Number(raw);
}

/**
 * Folds queue_log lines, in file order, into per-call facts and presence changes. Memory holds one
 * batch: `take()` hands the batch over and starts the next, so a file of any size streams through.
 */
export class QueueLogFolder {
  private calls = new Map<string, CallFacts>();
  private presence: PresenceChange[] = [];

  /** Applies one line; returns why it was skipped, `'unknown'` for an event we do not know, else null. */
  apply(line: QueueLogLine, lineNumber: number): Skip | 'unknown' | null {
    const long = tooLong({ pbxCallId: line.callId, queue: line.queue, agent: line.agent });
    if (long) return long;
    try {
      if (line.event in PRESENCE) return this.presenceChange(line, lineNumber);
      if (INFORMATIONAL.has(line.event)) return null;
      return this.callEvent(line);
    } catch (error) {
      if (error instanceof LineError) return { code: error.code, reason: error.message };
      throw error;
    }
  }

  take(): { calls: CallFacts[]; presence: PresenceChange[] } {
    const batch = { calls: [...this.calls.values()].map(withEstimatedEntry), presence: this.presence };
    this.calls = new Map();
    this.presence = [];
    return batch;
  }

  get size(): number {
    return this.calls.size + this.presence.length;
  }

  private presenceChange(line: QueueLogLine, lineNumber: number): null {
    if (!line.agent) throw new LineError('no-agent', `${line.event} names no agent`);
    const state = PRESENCE[line.event]!;
    const reason = state === 'paused' ? line.data[0] || null : null;
    const long = tooLong({ reason });
    if (long) throw new LineError(long.code, long.reason);
    this.presence.push({ agent: line.agent, at: line.at, state, reason, ordinal: lineNumber });
    return null;
  }

  private callEvent(line: QueueLogLine): 'unknown' | null {
    const { event, data } = line;
    const leaving = LEAVING[event];
    const known =
      leaving || ['ENTERQUEUE', 'CONNECT', 'COMPLETECALLER', 'COMPLETEAGENT', 'RINGNOANSWER'].includes(event);
    const transfer = event === 'BLINDTRANSFER' || event === 'ATTENDEDTRANSFER';
    if (!known && !transfer) return 'unknown';
    if (!line.callId) throw new LineError('no-call-id', `${event} has no call id`);
    if (event === 'RINGNOANSWER') {
      seconds(data, 0, 'ring time'); // validated; a ring that went unanswered changes no call field
      return null;
    }
    // Every field is read and checked before the call is touched: a skipped line changes nothing.
    if (event === 'ENTERQUEUE') {
      const long = tooLong({ callerNumber: data[1] });
      if (long) throw new LineError(long.code, long.reason);
      const call = this.call(line);
      call.enteredAt = line.at;
      call.enteredAtEstimated = false;
      call.callerNumber = data[1] || call.callerNumber;
    } else if (event === 'CONNECT') {
      const wait = seconds(data, 0, 'hold time');
      const call = this.call(line);
      call.answeredAt = line.at;
      call.waitSeconds = wait ?? call.waitSeconds;
      call.agent = line.agent ?? call.agent;
    } else if (event === 'COMPLETECALLER' || event === 'COMPLETEAGENT') {
      const [wait, talk] = [seconds(data, 0, 'hold time'), seconds(data, 1, 'call time')];
      this.end(this.call(line), line, 'answered', wait, talk);
    } else if (transfer) {
      // holdtime|calltime|origposition are the last three fields, whatever the transfer method put first.
      const n = data.length;
      if (n < 3) throw new LineError('bad-transfer', `${event} needs holdtime, calltime and origposition`);
      const [wait, talk] = [seconds(data, n - 3, 'hold time'), seconds(data, n - 2, 'call time')];
      this.end(this.call(line), line, 'transferred', wait, talk);
    } else if (leaving) {
      const wait = seconds(data, leaving.waitField, 'wait time');
      this.end(this.call(line), line, leaving.outcome, wait, null);
    }
    return null;
  }

  private end(
    call: CallFacts,
    line: QueueLogLine,
    outcome: CallOutcome,
    waitSeconds: number | null,
    talkSeconds: number | null,
  ) {
    call.endedAt = line.at;
    call.outcome = outcome;
    call.waitSeconds = waitSeconds ?? call.waitSeconds;
    call.talkSeconds = talkSeconds ?? call.talkSeconds;
    if (outcome === 'answered' || outcome === 'transferred') call.agent = line.agent ?? call.agent;
  }

  private call(line: QueueLogLine): CallFacts {
    let call = this.calls.get(line.callId!);
    if (!call) {
      call = emptyCall(line.callId!);
      this.calls.set(line.callId!, call);
    }
    call.queue = line.queue ?? call.queue;
    return call;
  }
}
