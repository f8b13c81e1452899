import { Injectable, OnApplicationBootstrap } from '@nestjs/common';

import { AppConfig } from '@madoguchi/config';
import { JobConsumer, JobConsumerHandler, QueueService } from '@madoguchi/queue';

import { SLA_SCAN_EVERY_MS, TICKET_TIMERS_QUEUE } from './sla.queue';
import { SlaScanService } from './sla-scan.service';

@Injectable()
@JobConsumer(TICKET_TIMERS_QUEUE, 'sla-scan')
export class SlaScanConsumer implements JobConsumerHandler, OnApplicationBootstrap {
  constructor(
    private readonly scanner: SlaScanService,
    private readonly queue: QueueService,
    private readonly config: AppConfig,
  ) {}

  async handle(): Promise<void> {
    await this.scanner.scan();
  }

  /** Processes that run workers keep the schedule in place (an upsert: any number may do it). */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.runsWorkers)
      await this.queue.maintainRepeatable(TICKET_TIMERS_QUEUE, 'sla-scan', 'sla-scan', { everyMs: SLA_SCAN_EVERY_MS });
  }
}
