import { formatInZone } from '@madoguchi/business-calendar';

import type { DeskClosureEntity } from '../infrastructure/desk-closure.entity';
import type { TelephonyCallEntity } from '../infrastructure/telephony-call.entity';
import type { TelephonyImportEntity } from '../infrastructure/telephony-import.entity';

const zoned = (timeZone: string) => (date: Date | null) => (date ? formatInZone(date.getTime(), timeZone) : null);
const instantIn = (timeZone: string) => (date: Date) => formatInZone(date.getTime(), timeZone);

/** A call as the API shows it; `outcome: null` is a call still waiting when the log ended. */
export function callView(call: TelephonyCallEntity, timeZone: string) {
  const at = zoned(timeZone);
  return {
    id: call.id,
    pbxCallId: call.pbxCallId,
    source: call.source,
    direction: call.direction,
    queue: call.queue,
    callerNumber: call.callerNumber,
    enteredAt: at(call.enteredAt),
    enteredAtEstimated: call.enteredAtEstimated,
    answeredAt: at(call.answeredAt),
    endedAt: at(call.endedAt),
    outcome: call.outcome,
    waitSeconds: call.waitSeconds,
    talkSeconds: call.talkSeconds,
    agent: call.agent,
    ticketId: call.ticketId,
    summary: call.summary,
  };
}
export type CallView = ReturnType<typeof callView>;

export function importView(job: TelephonyImportEntity, timeZone: string) {
  const at = zoned(timeZone);
  const instant = instantIn(timeZone);
  return {
    id: job.id,
    status: job.status,
    format: job.format,
    /** A live feed rather than an uploaded file. */
    live: job.live,
    fileName: job.fileName,
    byteSize: job.byteSize,
    bytesRead: job.bytesRead,
    /** Share of the file imported so far, 0 to 1. */
    progress: job.byteSize === 0 ? (job.status === 'completed' ? 1 : 0) : job.bytesRead / job.byteSize,
    linesRead: job.linesRead,
    callsCreated: job.callsCreated,
    callsUpdated: job.callsUpdated,
    linesSkipped: job.linesSkipped,
    unknownEvents: job.unknownEvents,
    presenceChanges: job.presenceChanges,
    errors: job.errors,
    /** Skipped lines grouped by reason (a code pages translate), with the first few of each. */
    skippedByReason: job.skippedByReason,
    /** The first and last event instant the file delivered: the PBX data it holds. */
    coverage:
      job.coverageFrom && job.coverageTo ? { from: instant(job.coverageFrom), to: instant(job.coverageTo) } : null,
    failure: job.failure,
    createdAt: instant(job.createdAt),
    startedAt: at(job.startedAt),
    finishedAt: at(job.finishedAt),
  };
}
export type ImportView = ReturnType<typeof importView>;

export function closureView(closure: DeskClosureEntity, timeZone: string) {
  const at = instantIn(timeZone);
  return {
    id: closure.id,
    startsAt: at(closure.startsAt),
    endsAt: at(closure.endsAt),
    reason: closure.reason,
    createdBy: closure.createdBy,
    createdAt: at(closure.createdAt),
  };
}
