import { Injectable, OnApplicationBootstrap } from '@nestjs/common';

import { AppConfig } from '@madoguchi/config';
import { JobConsumer, JobConsumerHandler, QueueService } from '@madoguchi/queue';

import { AUDIT_QUEUE, AUDIT_SEAL_EVERY_MS } from './audit.queue';
import { AuditService } from './audit.service';

@Injectable()
@JobConsumer(AUDIT_QUEUE, 'seal')
export class SealAuditConsumer implements JobConsumerHandler, OnApplicationBootstrap {
  constructor(
    private readonly audit: AuditService,
    private readonly queue: QueueService,
    private readonly config: AppConfig,
  ) {}

  async handle(): Promise<void> {
    await this.audit.seal();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.runsWorkers)
      await this.queue.maintainRepeatable(AUDIT_QUEUE, 'seal', 'audit-seal', { everyMs: AUDIT_SEAL_EVERY_MS });
  }
}
