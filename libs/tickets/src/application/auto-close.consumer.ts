import { Injectable, OnApplicationBootstrap } from '@nestjs/common';

import { AppConfig } from '@madoguchi/config';
import { JobConsumer, JobConsumerHandler, QueueService } from '@madoguchi/queue';

import { AutoCloseService } from './auto-close.service';
import { AUTO_CLOSE_EVERY_MS, TICKET_TIMERS_QUEUE } from './sla.queue';

@Injectable()
@JobConsumer(TICKET_TIMERS_QUEUE, 'auto-close')
export class AutoCloseConsumer implements JobConsumerHandler, OnApplicationBootstrap {
  constructor(
    private readonly autoClose: AutoCloseService,
    private readonly queue: QueueService,
    private readonly config: AppConfig,
  ) {}

  async handle(): Promise<void> {
    await this.autoClose.run();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.runsWorkers) {
      await this.queue.maintainRepeatable(TICKET_TIMERS_QUEUE, 'auto-close', 'ticket-auto-close', {
        everyMs: AUTO_CLOSE_EVERY_MS,
      });
    }
  }
}
