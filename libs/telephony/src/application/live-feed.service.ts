import { randomUUID } from 'node:crypto';

import { Injectable, Logger } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import { Clock, type RequestContext } from '@madoguchi/common';
import { UnitOfWork } from '@madoguchi/database';

import { lineReader } from '../domain/import-format';
import type { TelephonyImportEntity } from '../infrastructure/telephony-import.entity';
import { TelephonyImportRepository } from '../infrastructure/telephony-import.repository';
import { ImportRunnerService } from './import-runner.service';

const NEWLINE = 0x0a;

/** A burst (a whole file sent down the feed) is committed in batches of at most this many bytes. */
const MAX_BATCH_BYTES = 256 * 1024;

/** How often a connected feed moves its heartbeat (the PBX horizon) on while no line arrives. */
export const FEED_HEARTBEAT_SECONDS = 15;

/**
 * A live PBX feed: one long upload (`tail -F queue_log | curl -T - …`) whose lines are imported as
 * they arrive, with the file import's parser, merge and idempotency, so the day's figures are
 * seconds old. What has arrived is committed piece by piece (whole lines only), each in one
 * transaction with the feed's counters; a feed cut off keeps everything committed, and sending the
 * same lines again (by feed or file) changes nothing.
 */
@Injectable()
export class LiveFeedService {
  private readonly logger = new Logger(LiveFeedService.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly imports: TelephonyImportRepository,
    private readonly runner: ImportRunnerService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async receive(context: RequestContext, body: AsyncIterable<Buffer | string>): Promise<TelephonyImportEntity> {
    const id = randomUUID();
    let job = await this.unitOfWork.run(async (transaction) => {
      const created = await this.imports.create(transaction, {
        id,
        format: 'asterisk-queue-log',
        fileName: 'live feed',
        live: true,
        status: 'running',
        byteSize: 0,
        chunkCount: 0,
        createdBy: context.actor?.userId ?? null,
        startedAt: new Date(),
        liveUntil: new Date(this.clock.now()),
      });
      await this.audit.record(transaction, context, {
        action: 'telephony.feed',
        targetType: 'telephony-import',
        targetId: id,
        summary: { via: context.actor ? 'user' : 'pbx-token' },
      });
      return created;
    });
    const reader = lineReader('asterisk-queue-log');
    let pending: Buffer = Buffer.alloc(0);
    const flush = async (data: Buffer) => {
      if (data.length > 0) job = await this.runner.importChunk(job, reader, data, job.nextChunk);
    };
    let cutOff: Error | null = null;
    const beat = () =>
      this.imports
        .heartbeat(id, new Date(this.clock.now()))
        .catch((error: Error) => this.logger.warn(`feed ${id}: heartbeat failed: ${error.message}`));
    const heartbeat = setInterval(() => void beat(), FEED_HEARTBEAT_SECONDS * 1000);
    try {
      for await (const piece of body) {
        pending = Buffer.concat([pending, typeof piece === 'string' ? Buffer.from(piece) : piece]);
        // Whole lines go in as soon as they are here; a partial line waits for its end.
        while (pending.includes(NEWLINE)) {
          const cut = pending.lastIndexOf(NEWLINE, MAX_BATCH_BYTES - 1);
          const end = (cut >= 0 ? cut : pending.indexOf(NEWLINE)) + 1;
          await flush(pending.subarray(0, end));
          pending = pending.subarray(end);
        }
      }
    } catch (error) {
      // The sender went away (a restarted PBX, a dropped connection): what arrived is kept.
      cutOff = error as Error;
    } finally {
      clearInterval(heartbeat);
    }
    if (!cutOff) await flush(pending);
    const finished = await this.imports.finishFeed(
      id,
      new Date(this.clock.now()),
      cutOff ? `the feed was cut off: ${cutOff.message}`.slice(0, 2000) : null,
    );
    this.logger.log(
      `feed ${id}: ${job.linesRead} lines, ${job.callsCreated} calls created${cutOff ? ', cut off' : ''}`,
    );
    return finished;
  }
}
