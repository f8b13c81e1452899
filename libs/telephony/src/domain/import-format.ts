import type { CallFacts, PresenceChange } from './call';
import { CALL_CSV_COLUMNS, isCallCsvHeader, parseCallCsvRow } from './call-csv';
import { parseQueueLogLine } from './queue-log';
import { QueueLogFolder } from './queue-log-folder';

export const IMPORT_FORMATS = ['asterisk-queue-log', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportBatch {
  calls: CallFacts[];
  presence: PresenceChange[];
}

/** What became of one line: used, an event we do not know (counted, not an error), or skipped with a reason. */
export type LineOutcome = { kind: 'used' } | { kind: 'unknown' } | { kind: 'skipped'; reason: string };

/** Reads one file's lines in order (line numbers from 1) and hands over what they say in batches. */
export interface LineReader {
  read(text: string, lineNumber: number): LineOutcome;
  take(): ImportBatch;
}

const USED: LineOutcome = { kind: 'used' };

class QueueLogReader implements LineReader {
  private readonly folder = new QueueLogFolder();

  read(text: string, lineNumber: number): LineOutcome {
    if (text.trim() === '') return USED;
    const parsed = parseQueueLogLine(text.trimEnd());
    if (!parsed.ok) return { kind: 'skipped', reason: parsed.reason };
    const result = this.folder.apply(parsed.line, lineNumber);
    if (result === 'unknown') return { kind: 'unknown' };
    return result === null ? USED : { kind: 'skipped', reason: result };
  }

  take(): ImportBatch {
    return this.folder.take();
  }
}

class CallCsvReader implements LineReader {
  private calls = new Map<string, CallFacts>();

  read(text: string, lineNumber: number): LineOutcome {
    if (lineNumber === 1) {
      return isCallCsvHeader(text)
        ? USED
        : { kind: 'skipped', reason: `the first line must be the header ${CALL_CSV_COLUMNS.join(',')}` };
    }
    if (text.trim() === '') return USED;
    const row = parseCallCsvRow(text);
    if (typeof row === 'string') return { kind: 'skipped', reason: row };
    this.calls.set(row.pbxCallId, row);
    return USED;
  }

  take(): ImportBatch {
    const batch = { calls: [...this.calls.values()], presence: [] };
    this.calls = new Map();
    return batch;
  }
}

export function lineReader(format: ImportFormat): LineReader {
  return format === 'csv' ? new CallCsvReader() : new QueueLogReader();
}
