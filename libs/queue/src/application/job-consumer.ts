import { SetMetadata } from '@nestjs/common';

import type { AppConfig } from '@madoguchi/config';

import type { JobContext, JobOptions } from '../domain/queue-driver';

/** What each job of a queue carries: job name → payload type. */
export type JobPayloads = Record<string, object>;

/** The payload of a timer job: nothing (the job itself is the signal). */
export type NoPayload = Record<string, never>;

/**
 * A queue and the jobs it carries, declared once in a constants file per queue together with the
 * default options of each job, and typed by its payloads: `add`, `addBulk` and consumers then
 * check job names and payloads against it.
 */
export interface QueueDefinition<Payloads extends JobPayloads = JobPayloads> {
  name: string;
  jobs: { [Job in keyof Payloads & string]: JobOptions };
  /** Concurrent jobs per process; default QUEUE_CONCURRENCY. */
  concurrency?: (config: AppConfig) => number;
  /** Type only (never set): carries the payload types for inference. */
  readonly payloads?: Payloads;
}

/** The job names of a queue. */
export type JobName<Queue> = Queue extends QueueDefinition<infer Payloads> ? keyof Payloads & string : never;

/** The payload of job `Job` on `Queue`, e.g. `JobOf<typeof MAIL_QUEUE, 'send'>`. */
export type JobOf<Queue, Job extends JobName<Queue>> =
  Queue extends QueueDefinition<infer Payloads> ? Payloads[Job] : never;

/** `defineQueue<{ send: SendMailJob }>('mail', { send: { attempts: 3 } })`. */
export function defineQueue<Payloads extends JobPayloads>(
  name: string,
  jobs: { [Job in keyof Payloads & string]: JobOptions },
  options: Pick<QueueDefinition, 'concurrency'> = {},
): QueueDefinition<Payloads> {
  return { name, jobs, ...options };
}

export const JOB_CONSUMER = Symbol('madoguchi.job-consumer');

export interface JobConsumerTarget {
  queue: string;
  job: string;
}

/**
 * Marks a provider as the one handler of `job` on `queue`; it must implement
 * `JobConsumerHandler<JobOf<typeof QUEUE, 'job'>>`.
 */
export function JobConsumer<Payloads extends JobPayloads>(
  queue: QueueDefinition<Payloads>,
  job: keyof Payloads & string,
): ClassDecorator {
  return SetMetadata(JOB_CONSUMER, { queue: queue.name, job } satisfies JobConsumerTarget);
}

/** Handlers may run more than once for one job (retries, a crashed worker): they must be idempotent. */
export interface JobConsumerHandler<T = unknown> {
  handle(data: T, job: JobContext<T>): Promise<void>;
}
