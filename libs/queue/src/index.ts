export {
  defineQueue,
  JobConsumer,
  type JobConsumerHandler,
  type JobName,
  type JobOf,
  type JobPayloads,
  type NoPayload,
  type QueueDefinition,
} from './application/job-consumer';
export { QUEUE_DRIVER, QueueService } from './application/queue.service';
export {
  backoffDelayMs,
  DEFAULT_JOB_OPTIONS,
  type FailedJob,
  InvalidJobIdError,
  type JobContext,
  type JobHandler,
  type JobOptions,
  type NewJob,
  type QueueCounts,
  type QueueDriver,
  type RepeatSchedule,
} from './domain/queue-driver';
export { type BullMqDriverOptions, BullMqQueueDriver } from './infrastructure/bullmq-queue.driver';
export { InProcessQueueDriver } from './infrastructure/in-process-queue.driver';
export { createQueueDriver, QueueModule } from './queue.module';
