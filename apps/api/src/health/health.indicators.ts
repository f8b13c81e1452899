import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';

import { withTimeout } from '@madoguchi/common';
import { MailOutboxService } from '@madoguchi/mail';
import { QUEUE_DRIVER, QueueDriver } from '@madoguchi/queue';

/** Every check answers within this long, so /health itself answers within a second whatever is down. */
export const HEALTH_CHECK_TIMEOUT_MS = 800;

/** A message still unsent after this long means mail is not flowing (SMTP down or refusing). */
const MAIL_BACKLOG_ALARM_SECONDS = 15 * 60;

const withinTimeout = <T>(promise: Promise<T>): Promise<T> =>
  withTimeout(promise, HEALTH_CHECK_TIMEOUT_MS, `no answer within ${HEALTH_CHECK_TIMEOUT_MS} ms`);

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
      await withinTimeout(this.driver.ping());
      return indicator.up({ driver: this.driver.kind });
    } catch (error) {
      return indicator.down({ driver: this.driver.kind, message: (error as Error).message });
    }
  }
}

/** Whether mail is flowing: the outbox's backlog, its oldest message's age, and what was given up. */
@Injectable()
export class MailHealthIndicator {
  constructor(
    private readonly outbox: MailOutboxService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: 'mail') {
    const indicator = this.indicators.check(key);
    try {
      const backlog = await withinTimeout(this.outbox.backlog());
      const details = { ...backlog, oldestAgeSeconds: Math.round(backlog.oldestAgeSeconds) };
      return backlog.oldestAgeSeconds > MAIL_BACKLOG_ALARM_SECONDS
        ? indicator.down({ ...details, message: 'mail has been waiting for more than 15 minutes' })
        : indicator.up(details);
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
