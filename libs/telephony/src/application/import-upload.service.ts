import { randomUUID } from 'node:crypto';

import { Injectable, Logger } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import type { RequestContext } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import { UnitOfWork } from '@madoguchi/database';
import { QueueService } from '@madoguchi/queue';

import { type ImportFormat, type UploadMismatch, uploadMismatch } from '../domain/import-format';
import { importTooLarge, importWrongFormat } from '../domain/telephony.errors';
import type { TelephonyImportEntity } from '../infrastructure/telephony-import.entity';
import { TelephonyImportRepository } from '../infrastructure/telephony-import.repository';
import { importJobId, TELEPHONY_QUEUE } from './telephony.queue';

/** Chunks are cut at the last line break after this many bytes: one chunk is one import batch. */
export const IMPORT_CHUNK_BYTES = 1024 * 1024;

const NEWLINE = 0x0a;

/** The first line is judged once this much has arrived without a line break. */
const FIRST_LINE_BYTES = 64 * 1024;

const MISMATCH_ADVICE: Record<UploadMismatch, string> = {
  'queue-log-table-export':
    'This looks like queue_log exported from a database table (a header row of column names), not the queue_log file Asterisk writes. Upload /var/log/asterisk/queue_log itself, or convert the rows to the Madoguchi call CSV.',
  'call-csv-as-queue-log': 'This is a Madoguchi call CSV; upload it with format=csv.',
  'queue-log-as-call-csv': 'This is an Asterisk queue_log; upload it with format=asterisk-queue-log.',
  'not-a-pbx-log':
    'The first line is neither an Asterisk queue_log line (epoch|callid|queue|agent|EVENT|…) nor the call CSV header.',
};

/** Refuses a file that is plainly not the format it was sent as, before anything is stored. */
function checkFirstLine(head: Buffer, format: ImportFormat): void {
  const end = head.indexOf(NEWLINE);
  const mismatch = uploadMismatch(head.subarray(0, end >= 0 ? end : head.length).toString('utf8'), format);
  if (mismatch) throw importWrongFormat(MISMATCH_ADVICE[mismatch], mismatch, format);
}

/**
 * Stores an uploaded PBX file in line-aligned chunks as it arrives (the file is never whole in
 * memory), then records the import and queues it. A failed upload leaves nothing behind.
 */
@Injectable()
export class ImportUploadService {
  private readonly logger = new Logger(ImportUploadService.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly imports: TelephonyImportRepository,
    private readonly audit: AuditService,
    private readonly queue: QueueService,
    private readonly config: AppConfig,
  ) {}

  async receive(
    context: RequestContext,
    format: ImportFormat,
    body: AsyncIterable<Buffer | string>,
    fileName: string | null,
  ): Promise<TelephonyImportEntity> {
    const id = randomUUID();
    const maxBytes = this.config.IMPORT_MAX_MB * 1024 * 1024;
    let chunkCount = 0;
    let byteSize = 0;
    const store = async (data: Buffer) => {
      await this.imports.storeChunk(id, chunkCount, data);
      chunkCount += 1;
    };
    try {
      // Pieces are joined once per chunk, not once per piece: the copying stays linear in the file size.
      let pieces: Buffer[] = [];
      let buffered = 0;
      let pending: Buffer = Buffer.alloc(0);
      let judged = false;
      for await (const piece of body) {
        const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece;
        byteSize += bytes.length;
        if (byteSize > maxBytes) throw importTooLarge(this.config.IMPORT_MAX_MB);
        pieces.push(bytes);
        buffered += bytes.length;
        if (!judged && chunkCount === 0 && (bytes.includes(NEWLINE) || buffered >= FIRST_LINE_BYTES)) {
          checkFirstLine(Buffer.concat(pieces, buffered), format);
          judged = true;
        }
        if (buffered < IMPORT_CHUNK_BYTES) continue;
        pending = Buffer.concat(pieces, buffered);
        const cut = pending.lastIndexOf(NEWLINE);
        // A "line" longer than a chunk is cut anyway; its pieces are reported as malformed lines.
        const end = cut >= 0 ? cut + 1 : pending.length;
        await store(pending.subarray(0, end));
        pending = pending.subarray(end);
        pieces = [pending];
        buffered = pending.length;
      }
      pending = Buffer.concat(pieces, buffered);
      if (!judged) checkFirstLine(pending, format);
      if (pending.length > 0) await store(pending);
      const created = await this.unitOfWork.run(async (transaction) => {
        const stored = await this.imports.create(transaction, {
          id,
          format,
          fileName,
          status: 'queued',
          byteSize,
          chunkCount,
          createdBy: context.actor!.userId,
        });
        await this.audit.record(transaction, context, {
          action: 'telephony.import',
          targetType: 'telephony-import',
          targetId: id,
          summary: { format, fileName, byteSize },
        });
        return stored;
      });
      // The import is stored; should queueing fail, the runner's start-up sweep queues it again.
      await this.queue
        .add(TELEPHONY_QUEUE, 'import', { importId: id }, { jobId: importJobId(id) })
        .catch((error: Error) => this.logger.error(`import ${id}: could not be queued: ${error.message}`));
      return created;
    } catch (error) {
      await this.imports
        .deleteChunks(id)
        .catch((cleanup: Error) => this.logger.error(`import ${id}: could not remove its chunks: ${cleanup.message}`));
      throw error;
    }
  }
}
