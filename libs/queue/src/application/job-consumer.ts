import { SetMetadata } from '@nestjs/common';

import type { AppConfig } from '@madoguchi/config';

import type { JobContext, JobOptions } from '../domain/queue-driver';

/**
 * A queue and the jobs it carries, declared once in a constants file per queue together with the
 * default options of each job.
 */
export interface QueueDefinition<Jobs extends string = string> {
  name: string;
  jobs: Record<Jobs, JobOptions>;
  /** Concurrent jobs per process; default QUEUE_CONCURRENCY. */
  concurrency?: (config: AppConfig) => number;
}

export function defineQueue<Jobs extends string>(
  name: string,
  jobs: Record<Jobs, JobOptions>,
  options: Pick<QueueDefinition, 'concurrency'> = {},
): QueueDefinition<Jobs> {
  return { name, jobs, ...options };
}

export const JOB_CONSUMER = Symbol('madoguchi.job-consumer');

export interface JobConsumerTarget {
  queue: string;
  job: string;
}

/** Marks a provider as the one handler of `job` on `queue`; it must implement `JobConsumerHandler`. */
export function JobConsumer<Jobs extends string>(queue: QueueDefinition<Jobs>, job: Jobs): ClassDecorator {
  return SetMetadata(JOB_CONSUMER, { queue: queue.name, job } satisfies JobConsumerTarget);
}

/** Handlers may run more than once for one job (retries, a crashed worker): they must be idempotent. */
export interface JobConsumerHandler<T = unknown> {
  handle(data: T, job: JobContext<T>): Promise<void>;
}
