import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';

import { AppConfig } from '@madoguchi/config';
import { DEFAULT_JOB_OPTIONS, JobConsumer, JobConsumerHandler, type JobContext, QueueService } from '@madoguchi/queue';

import { TelephonyImportRepository } from '../infrastructure/telephony-import.repository';
import { ImportRunnerService } from './import-runner.service';
import { type ImportJob, importJobId, TELEPHONY_QUEUE } from './telephony.queue';

@Injectable()
@JobConsumer(TELEPHONY_QUEUE, 'import')
export class RunImportConsumer implements JobConsumerHandler<ImportJob>, OnApplicationBootstrap {
  private readonly logger = new Logger(RunImportConsumer.name);

  constructor(
    private readonly imports: ImportRunnerService,
    private readonly queue: QueueService,
    private readonly config: AppConfig,
    private readonly importRows: TelephonyImportRepository,
  ) {}

  async handle(data: ImportJob, job: JobContext<ImportJob>): Promise<void> {
    try {
      await this.imports.run(data.importId);
    } catch (error) {
      const attempts = TELEPHONY_QUEUE.jobs.import.attempts ?? DEFAULT_JOB_OPTIONS.attempts;
      if (job.attempt >= attempts) await this.imports.fail(data.importId, (error as Error).message);
      throw error;
    }
  }

  /**
   * Imports are driven by their rows, not by the queue: at start-up every unfinished one is queued
   * again (the job id makes that a no-op when its job is still known), so a lost queue loses nothing.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runsWorkers) return;
    const unfinished = await this.importRows.unfinishedIds();
    for (const id of unfinished)
      await this.queue.add(TELEPHONY_QUEUE, 'import', { importId: id }, { jobId: importJobId(id) });
    if (unfinished.length > 0) this.logger.log(`queued ${unfinished.length} unfinished PBX import(s) again`);
  }
}
