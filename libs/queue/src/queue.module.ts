import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';

import { withTimeout } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';

import { QueueDefinition } from './application/job-consumer';
import { QUEUE_DEFINITIONS, QUEUE_DRIVER, QueueService } from './application/queue.service';
import { QueueDriver } from './domain/queue-driver';
import { BullMqQueueDriver } from './infrastructure/bullmq-queue.driver';
import { InProcessQueueDriver } from './infrastructure/in-process-queue.driver';

/** Chooses the driver from configuration: BullMQ when REDIS_URL is set, in-process otherwise. */
export async function createQueueDriver(config: AppConfig): Promise<QueueDriver> {
  if (!config.REDIS_URL) return new InProcessQueueDriver();
  const driver = new BullMqQueueDriver({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX });
  // Redis may be down at start-up: an API process starts anyway (requests only write outbox rows)
  // and the queue catches up once Redis is back, so the check waits a moment, not forever.
  await withTimeout(driver.checkRedisPolicy(), 2_000, 'Redis did not answer within 2 s').catch((error: Error) =>
    new Logger('QueueModule').warn(`Could not read Redis maxmemory-policy: ${error.message}`),
  );
  return driver;
}

@Global()
@Module({})
export class QueueModule {
  static forRoot(options: { queues: QueueDefinition[] }): DynamicModule {
    return {
      module: QueueModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: QUEUE_DRIVER, inject: [AppConfig], useFactory: createQueueDriver },
        { provide: QUEUE_DEFINITIONS, useValue: options.queues },
        QueueService,
      ],
      exports: [QueueService, QUEUE_DRIVER],
    };
  }
}
