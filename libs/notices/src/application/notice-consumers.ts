import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { AppConfig } from '@madoguchi/config';
import { JobConsumer, JobConsumerHandler, QueueService } from '@madoguchi/queue';

import { IncidentAlerts } from './incident-alerts';
import { MaintenanceNotices } from './maintenance-notices';
import { NoticeOutbox } from './notice-outbox';
import { NoticeSender } from './notice-sender';
import { NOTICE_DELIVERY_QUEUE, NOTICE_TIMERS_QUEUE, type SendBatchJob } from './notices.queue';

@Injectable()
@JobConsumer(NOTICE_DELIVERY_QUEUE, 'send-batch')
export class SendBatchConsumer implements JobConsumerHandler<SendBatchJob> {
  constructor(private readonly sender: NoticeSender) {}

  async handle(job: SendBatchJob): Promise<void> {
    await this.sender.sendBatch(job);
  }
}

/** How often the tick's schedule is put back in place, in case the queue back-end lost it. */
const RESCHEDULE_EVERY_MS = 5 * 60_000;

/**
 * The notice timers, each driven by rows: outbox relay + reconcile, unnotified-incident alerts,
 * due maintenance notices. Every worker process re-installs the schedule at start-up and every few
 * minutes, so a flushed Redis delays them by minutes at most and loses nothing.
 */
@Injectable()
@JobConsumer(NOTICE_TIMERS_QUEUE, 'tick')
export class NoticeTickConsumer implements JobConsumerHandler, OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly outbox: NoticeOutbox,
    private readonly alerts: IncidentAlerts,
    private readonly maintenance: MaintenanceNotices,
    private readonly queue: QueueService,
    private readonly config: AppConfig,
  ) {}

  async handle(): Promise<void> {
    await this.outbox.reconcile();
    await this.alerts.scan();
    await this.maintenance.sendDue();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runsWorkers) return;
    await this.schedule();
    this.timer = setInterval(() => void this.schedule().catch(() => undefined), RESCHEDULE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private schedule(): Promise<void> {
    return this.queue.upsertRepeatable(
      NOTICE_TIMERS_QUEUE,
      'tick',
      'notice-tick',
      {},
      { everyMs: this.config.NOTICE_TICK_SECONDS * 1000 },
    );
  }
}
