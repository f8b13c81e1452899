import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';

import { AppConfig } from '@madoguchi/config';
import { DEFAULT_JOB_OPTIONS, JobConsumer, JobConsumerHandler, type JobContext, QueueService } from '@madoguchi/queue';

import { TelephonyImportEntity } from '../infrastructure/telephony-import.entity';
import { RunImportUseCase } from './run-import.use-case';
import { type ImportJob, importJobId, TELEPHONY_QUEUE } from './telephony.queue';

@Injectable()
@JobConsumer(TELEPHONY_QUEUE, 'import')
export class RunImportConsumer implements JobConsumerHandler<ImportJob>, OnApplicationBootstrap {
  private readonly logger = new Logger(RunImportConsumer.name);

  constructor(
    private readonly imports: RunImportUseCase,
    private readonly queue: QueueService,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const unfinished = await this.dataSource
      .getRepository(TelephonyImportEntity)
      .find({ where: { status: In(['queued', 'running']) }, select: { id: true } });
    for (const { id } of unfinished)
      await this.queue.add(TELEPHONY_QUEUE, 'import', { importId: id }, { jobId: importJobId(id) });
    if (unfinished.length > 0) this.logger.log(`queued ${unfinished.length} unfinished PBX import(s) again`);
  }
}
