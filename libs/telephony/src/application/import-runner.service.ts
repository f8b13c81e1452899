import { Injectable, Logger } from '@nestjs/common';

import { UnitOfWork } from '@madoguchi/database';
import { Metrics } from '@madoguchi/observability';

import { type LineOutcome, type LineReader, lineReader } from '../domain/import-format';
import { CallImportRepository } from '../infrastructure/call-import.repository';
import type { SkippedGroup, SkippedLine, TelephonyImportEntity } from '../infrastructure/telephony-import.entity';
import { TelephonyImportRepository } from '../infrastructure/telephony-import.repository';

/** The report lists this many skipped lines; the count covers them all. */
export const MAX_REPORTED_ERRORS = 1000;

/** Examples kept per skip reason, and how much of each line. */
const EXAMPLES_PER_REASON = 3;
const EXAMPLE_CHARS = 160;

/** A line as an example: cut short, control characters made visible. */
// eslint-disable-next-line no-control-regex
const example = (text: string) => text.slice(0, EXAMPLE_CHARS).replace(/[\u0000-\u001f\u007f]/g, '\uFFFD');

function addSkip(
  groups: SkippedGroup[],
  skip: { reason: SkippedGroup['reason']; line: number; text: string; detail: string },
) {
  let group = groups.find((g) => g.reason === skip.reason);
  if (!group) {
    group = { reason: skip.reason, count: 0, firstLines: [] };
    groups.push(group);
  }
  group.count += 1;
  if (group.firstLines.length < EXAMPLES_PER_REASON)
    group.firstLines.push({ line: skip.line, text: example(skip.text), detail: skip.detail });
}

const earliest = (a: Date | null, b: number | undefined) =>
  b === undefined ? a : a === null || b < a.getTime() ? new Date(b) : a;
const latest = (a: Date | null, b: number | undefined) =>
  b === undefined ? a : a === null || b > a.getTime() ? new Date(b) : a;

/** Call source per format, so the same PBX call id from two systems never collides (a live feed is a queue_log too). */
const SOURCE = { 'asterisk-queue-log': 'asterisk', csv: 'csv' } as const;

/**
 * Imports a stored file chunk by chunk. Each chunk is one transaction holding its calls, its
 * presence changes and the import's counters and checkpoint, so a crashed or retried job resumes
 * after the last committed chunk and never counts a line twice.
 */
@Injectable()
export class ImportRunnerService {
  private readonly logger = new Logger(ImportRunnerService.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly imports: TelephonyImportRepository,
    private readonly calls: CallImportRepository,
    private readonly metrics: Metrics,
  ) {}

  async run(importId: string): Promise<TelephonyImportEntity | null> {
    let job = await this.imports.find(importId);
    if (!job || job.status === 'completed' || job.status === 'failed') return job;
    if (job.status === 'queued') await this.imports.markRunning(importId);
    const reader = lineReader(job.format);
    for (let seq = job.nextChunk; seq < job.chunkCount; seq += 1)
      job = await this.importChunk(job, reader, await this.imports.chunk(importId, seq), seq);
    await this.unitOfWork.run((transaction) => this.imports.complete(transaction, importId));
    this.logger.log(
      `import ${importId}: ${job.linesRead} lines, ${job.callsCreated} calls created, ${job.callsUpdated} updated, ${job.linesSkipped} skipped`,
    );
    return this.imports.find(importId);
  }

  /** Marks an import failed for good (its job ran out of attempts); its chunks go. */
  async fail(importId: string, reason: string): Promise<void> {
    await this.unitOfWork.run((transaction) => this.imports.fail(transaction, importId, reason));
  }

  /**
   * Imports one batch of whole lines in one transaction, as chunk `seq`. A live feed's batches are
   * not stored as chunks first: each one grows the import's size and chunk count as it commits.
   */
  async importChunk(
    job: TelephonyImportEntity,
    reader: LineReader,
    data: Buffer,
    seq: number,
  ): Promise<TelephonyImportEntity> {
    const lines = data.toString('utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    const errors: SkippedLine[] = [];
    const skippedByReason = structuredClone(job.skippedByReason);
    const counts = { used: 0, unknown: 0, skipped: 0 };
    let lineNumber = job.linesRead;
    for (const text of lines) {
      lineNumber += 1;
      const outcome: LineOutcome = reader.read(text, lineNumber);
      counts[outcome.kind] += 1;
      if (outcome.kind !== 'skipped') continue;
      addSkip(skippedByReason, { reason: outcome.code, line: lineNumber, text, detail: outcome.reason });
      if (job.errors.length + errors.length < MAX_REPORTED_ERRORS)
        errors.push({ line: lineNumber, reason: outcome.reason });
    }
    const batch = reader.take();
    const next = await this.unitOfWork.run(async (transaction) => {
      const merged = await this.calls.mergeCalls(transaction, SOURCE[job.format], job.id, batch.calls);
      const presence = await this.calls.addPresence(transaction, batch.presence, 'pbx');
      const progress: Partial<TelephonyImportEntity> = {
        nextChunk: seq + 1,
        bytesRead: job.bytesRead + data.length,
        linesRead: lineNumber,
        callsCreated: job.callsCreated + merged.created,
        callsUpdated: job.callsUpdated + merged.updated,
        linesSkipped: job.linesSkipped + counts.skipped,
        unknownEvents: job.unknownEvents + counts.unknown,
        presenceChanges: job.presenceChanges + presence,
        errors: [...job.errors, ...errors],
        skippedByReason,
        coverageFrom: earliest(job.coverageFrom, batch.coverage?.from),
        coverageTo: latest(job.coverageTo, batch.coverage?.to),
        ...(job.live ? { chunkCount: seq + 1, byteSize: job.bytesRead + data.length } : {}),
      };
      // The checkpoint guards against a second runner of the same import: only one commits a chunk.
      if (!(await this.imports.checkpoint(transaction, job.id, seq, progress)))
        throw new Error(`import ${job.id}: chunk ${seq} was committed by another runner`);
      return { ...job, ...progress } as TelephonyImportEntity;
    });
    for (const kind of ['used', 'unknown', 'skipped'] as const)
      this.metrics.telephonyImportLines.inc({ outcome: kind }, counts[kind]);
    return next;
  }
}
