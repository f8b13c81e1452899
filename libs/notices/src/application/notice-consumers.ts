import { Injectable, OnApplicationBootstrap } from '@nestjs/common';

import { AppConfig } from '@madoguchi/config';
import { JobConsumer, JobConsumerHandler, QueueService } from '@madoguchi/queue';

import { IncidentAlertService } from './incident-alert.service';
import { MaintenanceNoticeService } from './maintenance-notice.service';
import { NoticeOutboxService } from './notice-outbox.service';
import { NoticeSenderService } from './notice-sender.service';
import { NOTICE_DELIVERY_QUEUE, NOTICE_TIMERS_QUEUE, type SendBatchJob } from './notices.queue';

@Injectable()
@JobConsumer(NOTICE_DELIVERY_QUEUE, 'send-batch')
export class SendBatchConsumer implements JobConsumerHandler<SendBatchJob> {
  constructor(private readonly sender: NoticeSenderService) {}

  async handle(job: SendBatchJob): Promise<void> {
    await this.sender.sendBatch(job);
  }
}

/**
 * The notice timers, each driven by rows: outbox relay + reconcile, unnotified-incident alerts,
 * due maintenance notices. Worker processes keep the schedule in place (re-asserted every 30 s),
 * so a flushed Redis delays them by less than a minute and loses nothing.
 */
@Injectable()
@JobConsumer(NOTICE_TIMERS_QUEUE, 'tick')
export class NoticeTickConsumer implements JobConsumerHandler, OnApplicationBootstrap {
  constructor(
    private readonly outbox: NoticeOutboxService,
    private readonly alerts: IncidentAlertService,
    private readonly maintenance: MaintenanceNoticeService,
    private readonly queue: QueueService,
    private readonly config: AppConfig,
  ) {}

  async handle(): Promise<void> {
    await this.outbox.reconcile();
    await this.alerts.scan();
    await this.maintenance.sendDue();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.runsWorkers)
      await this.queue.maintainRepeatable(NOTICE_TIMERS_QUEUE, 'tick', 'notice-tick', {
        everyMs: this.config.NOTICE_TICK_SECONDS * 1000,
      });
  }
}
