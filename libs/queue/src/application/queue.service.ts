import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';

import { AppConfig } from '@madoguchi/config';
import { Metrics } from '@madoguchi/observability';

import { FailedJob, JobContext, JobOptions, QueueCounts, QueueDriver, RepeatSchedule } from '../domain/queue-driver';
import {
  JOB_CONSUMER,
  JobConsumerHandler,
  JobConsumerTarget,
  type JobPayloads,
  type NoPayload,
  QueueDefinition,
} from './job-consumer';

export const QUEUE_DRIVER = Symbol('madoguchi.queue-driver');
export const QUEUE_DEFINITIONS = Symbol('madoguchi.queue-definitions');

/** How often processes that run workers re-assert their schedules. */
const REPEATABLE_RECHECK_MS = 30_000;

/**
 * Enqueues jobs and, in processes that run workers, dispatches each job to its one consumer,
 * logging and measuring every attempt.
 */
@Injectable()
export class QueueService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueService.name);
  private readonly consumers = new Map<string, JobConsumerHandler>();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    @Inject(QUEUE_DRIVER) readonly driver: QueueDriver,
    @Inject(QUEUE_DEFINITIONS) private readonly definitions: QueueDefinition[],
    private readonly discovery: DiscoveryService,
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  async add<Payloads extends JobPayloads, Job extends keyof Payloads & string>(
    queue: QueueDefinition<Payloads>,
    job: Job,
    data: Payloads[Job],
    options: JobOptions = {},
  ): Promise<string> {
    return this.driver.add(queue.name, job, data, { ...queue.jobs[job], ...options });
  }

  /** Several jobs of one kind in one round trip. */
  async addBulk<Payloads extends JobPayloads, Job extends keyof Payloads & string>(
    queue: QueueDefinition<Payloads>,
    job: Job,
    items: ReadonlyArray<{ data: Payloads[Job]; options?: JobOptions }>,
  ): Promise<string[]> {
    return this.driver.addBulk(
      queue.name,
      items.map((item) => ({ name: job, data: item.data, options: { ...queue.jobs[job], ...item.options } })),
    );
  }

  async upsertRepeatable<Payloads extends JobPayloads, Job extends keyof Payloads & string>(
    queue: QueueDefinition<Payloads>,
    job: Job,
    schedulerId: string,
    data: Payloads[Job],
    schedule: RepeatSchedule,
  ): Promise<void> {
    await this.driver.upsertRepeatable(queue.name, schedulerId, job, data, schedule);
  }

  /**
   * Installs a repeatable job and re-installs it every `recheckMs` (an upsert: any number of
   * processes may do it), so a queue back-end that lost it (Redis flushed, or restarted without its
   * data) gets it back within that time without a restart. A back-end that is down at start-up
   * does not stop the process: the next recheck installs it. Timers stop at shutdown.
   */
  async maintainRepeatable<Payloads extends Record<string, NoPayload>>(
    queue: QueueDefinition<Payloads>,
    job: keyof Payloads & string,
    schedulerId: string,
    schedule: RepeatSchedule,
    recheckMs = REPEATABLE_RECHECK_MS,
  ): Promise<void> {
    const install = () =>
      this.upsertRepeatable(queue, job, schedulerId, {} as Payloads[typeof job], schedule).catch((error: Error) =>
        this.logger.warn({ schedulerId, error: error.message }, 'could not install a repeatable job; retrying'),
      );
    await install();
    const timer = setInterval(() => void install(), recheckMs);
    timer.unref();
    this.timers.push(timer);
  }

  /** Each declared queue's job counts and most recent failures, for operators. */
  async overview(failedLimit = 20): Promise<Array<{ queue: string; counts: QueueCounts; failed: FailedJob[] }>> {
    return Promise.all(
      this.definitions.map(async ({ name }) => ({
        queue: name,
        counts: await this.driver.counts(name),
        failed: await this.driver.failedJobs(name, failedLimit),
      })),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    this.registerConsumers();
    if (!this.config.runsWorkers) return;
    this.assertEveryJobHasAConsumer();
    for (const queue of this.definitions) {
      await this.driver.work(queue.name, (job) => this.dispatch(job), {
        concurrency: queue.concurrency?.(this.config) ?? this.config.QUEUE_CONCURRENCY,
      });
    }
    this.logger.log(`Processing ${this.definitions.length} queue(s) with the ${this.driver.kind} driver`);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await this.driver.close();
  }

  private registerConsumers(): void {
    const declared = new Set(
      this.definitions.flatMap((queue) => Object.keys(queue.jobs).map((job) => key(queue.name, job))),
    );
    for (const wrapper of this.discovery.getProviders()) {
      const target = wrapper.metatype
        ? (Reflect.getMetadata(JOB_CONSUMER, wrapper.metatype) as JobConsumerTarget | undefined)
        : undefined;
      if (!target || !wrapper.instance) continue;
      const id = key(target.queue, target.job);
      if (!declared.has(id)) throw new Error(`${wrapper.name} consumes ${id}, which no registered queue declares`);
      if (this.consumers.has(id)) throw new Error(`Job ${id} has two consumers; exactly one is allowed`);
      this.consumers.set(id, wrapper.instance as JobConsumerHandler);
    }
  }

  private assertEveryJobHasAConsumer(): void {
    const missing = this.definitions.flatMap((queue) =>
      Object.keys(queue.jobs)
        .map((job) => key(queue.name, job))
        .filter((id) => !this.consumers.has(id)),
    );
    if (missing.length > 0) throw new Error(`No consumer for job(s): ${missing.join(', ')}`);
  }

  private async dispatch(job: JobContext): Promise<void> {
    const consumer = this.consumers.get(key(job.queue, job.name));
    const labels = { queue: job.queue, job: job.name };
    const context = { jobId: job.id, queue: job.queue, job: job.name, attempt: job.attempt };
    const startedAt = performance.now();
    try {
      if (!consumer) throw new Error(`No consumer for job ${key(job.queue, job.name)}`);
      await consumer.handle(job.data, job);
      const durationMs = Math.round(performance.now() - startedAt);
      this.metrics.jobsProcessed.inc({ ...labels, outcome: 'completed' });
      this.logger.log({ ...context, durationMs }, 'job completed');
    } catch (error) {
      const durationMs = Math.round(performance.now() - startedAt);
      this.metrics.jobsProcessed.inc({ ...labels, outcome: 'failed' });
      this.logger.warn({ ...context, durationMs, error: (error as Error).message }, 'job attempt failed');
      throw error;
    } finally {
      this.metrics.jobDuration.observe(labels, (performance.now() - startedAt) / 1000);
    }
  }
}

function key(queue: string, job: string): string {
  return `${queue}/${job}`;
}
