import type { CallFacts, PresenceChange, Skip } from './call';
import { CALL_CSV_COLUMNS, isCallCsvHeader, parseCallCsvRow } from './call-csv';
import { parseQueueLogLine } from './queue-log';
import { QueueLogFolder } from './queue-log-folder';

export const IMPORT_FORMATS = ['asterisk-queue-log', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The first and last instant of the events a batch (or a whole import) delivered. */
export interface Coverage {
  from: number;
  to: number;
}

export interface ImportBatch {
  calls: CallFacts[];
  presence: PresenceChange[];
  coverage: Coverage | null;
}

/** What became of one line: used, an event we do not know (counted, not an error), or skipped with a reason. */
export type LineOutcome = { kind: 'used' } | { kind: 'unknown' } | ({ kind: 'skipped' } & Skip);

/** Reads one file's lines in order (line numbers from 1) and hands over what they say in batches. */
export interface LineReader {
  read(text: string, lineNumber: number): LineOutcome;
  take(): ImportBatch;
}

const USED: LineOutcome = { kind: 'used' };

/** NUL and other control characters (TAB aside) never occur in a PBX log line: the line is binary junk. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

function binary(text: string): LineOutcome | null {
  return CONTROL.test(text.replace(/\r$/, ''))
    ? { kind: 'skipped', code: 'binary', reason: 'the line holds control characters (binary data?)' }
    : null;
}

/** Widens a coverage by the instants of one more event. */
function widen(coverage: Coverage | null, ...instants: Array<number | null>): Coverage | null {
  let result = coverage;
  for (const at of instants) {
    if (at === null) continue;
    result = result ? { from: Math.min(result.from, at), to: Math.max(result.to, at) } : { from: at, to: at };
  }
  return result;
}

class QueueLogReader implements LineReader {
  private readonly folder = new QueueLogFolder();
  private coverage: Coverage | null = null;

  read(text: string, lineNumber: number): LineOutcome {
    if (text.trim() === '') return USED;
    const junk = binary(text);
    if (junk) return junk;
    const parsed = parseQueueLogLine(text.trimEnd());
    if (!parsed.ok) return { kind: 'skipped', code: parsed.code, reason: parsed.reason };
    const result = this.folder.apply(parsed.line, lineNumber);
    if (result !== null && result !== 'unknown') return { kind: 'skipped', ...result };
    // Every event the PBX wrote, known to us or not, tells how far its log reaches.
    this.coverage = widen(this.coverage, parsed.line.at);
    return result === 'unknown' ? { kind: 'unknown' } : USED;
  }

  take(): ImportBatch {
    const batch = { ...this.folder.take(), coverage: this.coverage };
    this.coverage = null;
    return batch;
  }
}

class CallCsvReader implements LineReader {
  private calls = new Map<string, CallFacts>();
  private coverage: Coverage | null = null;

  read(text: string, lineNumber: number): LineOutcome {
    const junk = binary(text);
    if (junk) return junk;
    if (lineNumber === 1) {
      return isCallCsvHeader(text)
        ? USED
        : {
            kind: 'skipped',
            code: 'csv-header',
            reason: `the first line must be the header ${CALL_CSV_COLUMNS.join(',')}`,
          };
    }
    if (text.trim() === '') return USED;
    const row = parseCallCsvRow(text);
    if ('code' in row) return { kind: 'skipped', ...row };
    this.calls.set(row.pbxCallId, row);
    this.coverage = widen(this.coverage, row.enteredAt, row.answeredAt, row.endedAt);
    return USED;
  }

  take(): ImportBatch {
    const batch = { calls: [...this.calls.values()], presence: [], coverage: this.coverage };
    this.calls = new Map();
    this.coverage = null;
    return batch;
  }
}

export function lineReader(format: ImportFormat): LineReader {
  return format === 'csv' ? new CallCsvReader() : new QueueLogReader();
}

/** Why an upload is refused before it is imported: it is not the format it was sent as. */
export const UPLOAD_MISMATCHES = [
  'queue-log-table-export',
  'call-csv-as-queue-log',
  'queue-log-as-call-csv',
  'not-a-pbx-log',
] as const;
export type UploadMismatch = (typeof UPLOAD_MISMATCHES)[number];

/**
 * Looks at a file's first line and says when it cannot be the declared format, so that a wrong
 * file is refused with advice instead of being read as a thousand skipped lines. A database
 * table export of queue_log (a header row naming columns such as `callid` and `event`) is the
 * usual mistake: its columns have been reordered and renamed, and its numbers moved into columns
 * of their own, so it cannot be read back as a queue_log line for line.
 */
export function uploadMismatch(firstLine: string, format: ImportFormat): UploadMismatch | null {
  const line = firstLine.replace(/^\uFEFF/, '').trim();
  if (line === '') return null;
  const columns = line.split(/[,;\t]/).map((name) => name.trim().replace(/^"|"$/g, '').toLowerCase());
  const tableExport =
    columns.includes('event') &&
    columns.some((name) => ['callid', 'call_id', 'uniqueid'].includes(name)) &&
    (columns.includes('time') ||
      columns.includes('date_time') ||
      columns.includes('queuename') ||
      columns.includes('queue_name'));
  if (format === 'asterisk-queue-log') {
    if (isCallCsvHeader(line)) return 'call-csv-as-queue-log';
    if (tableExport) return 'queue-log-table-export';
    if (!line.includes('|') && !parseQueueLogLine(line).ok) return 'not-a-pbx-log';
    return null;
  }
  if (isCallCsvHeader(line)) return null;
  if (parseQueueLogLine(line).ok) return 'queue-log-as-call-csv';
  return tableExport ? 'queue-log-table-export' : 'not-a-pbx-log';
}
