import { Injectable, type OnModuleInit } from '@nestjs/common';

import { sharedReading } from '@madoguchi/mail';
import { Metrics } from '@madoguchi/observability';

import { NoticeOutboxService } from './notice-outbox.service';

/** Notice e-mail still to go out, on /metrics: the 1-hour promise's backlog, for alerting. */
@Injectable()
export class NoticeBacklogGauges implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly outbox: NoticeOutboxService,
  ) {}

  onModuleInit(): void {
    const backlog = sharedReading(() => this.outbox.backlog());
    this.metrics.gauge(
      'madoguchi_notice_batches_pending',
      'Notice batches (up to 100 recipients each) of the last 30 days not yet delivered',
      async () => (await backlog()).batches,
    );
    this.metrics.gauge(
      'madoguchi_notice_oldest_pending_age_seconds',
      'Age of the oldest notice whose e-mail has not reached every recipient yet (0 when none)',
      async () => (await backlog()).oldestAgeSeconds,
    );
  }
}
