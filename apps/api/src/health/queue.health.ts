import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';

import { QUEUE_DRIVER, QueueDriver } from '@madoguchi/queue';

/** Redis (BullMQ) reachability; the in-process queue is up while the process is. */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    @Inject(QUEUE_DRIVER) private readonly driver: QueueDriver,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: 'queue') {
    const indicator = this.indicators.check(key);
    try {
      await this.driver.ping();
      return indicator.up({ driver: this.driver.kind });
    } catch (error) {
      return indicator.down({ driver: this.driver.kind, message: (error as Error).message });
    }
  }
}
