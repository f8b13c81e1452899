import { Logger } from '@nestjs/common';
import { Job, JobsOptions, Queue, Worker } from 'bullmq';
import IORedis, { Redis } from 'ioredis';

import { settlesWithin } from '@madoguchi/common';

import {
  assertValidJobId,
  FailedJob,
  JobHandler,
  JobOptions,
  NewJob,
  QueueCounts,
  QueueDriver,
  RepeatSchedule,
  resolveJobOptions,
  RETENTION,
  WorkOptions,
} from '../domain/queue-driver';

export interface BullMqDriverOptions {
  redisUrl: string;
  /** Key prefix, so several deployments (or test runs) can share one Redis. */
  prefix?: string;
  /** How long a worker's claim on a job lasts without renewal; a killed worker's job is retried after it. */
  lockDurationMs?: number;
}

/** How long closing waits for Redis to acknowledge before it drops the connections. */
const CLOSE_GRACE_MS = 2_000;

/** How long a shutdown waits for running jobs (within the 10 s a container is given to stop). */
export const JOB_SHUTDOWN_GRACE_MS = 7_000;

/** The service mode's queue: BullMQ on Redis, shared by any number of API and worker processes. */
export class BullMqQueueDriver implements QueueDriver {
  readonly kind = 'bullmq';
  private readonly logger = new Logger(BullMqQueueDriver.name);
  private readonly connection: Redis;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private readonly workerConnections: Redis[] = [];
  private readonly prefix: string;

  constructor(private readonly options: BullMqDriverOptions) {
    this.prefix = options.prefix ?? 'madoguchi';
    this.connection = this.connect();
  }

  /** Logs a warning when Redis may evict keys: BullMQ loses jobs unless maxmemory-policy is noeviction. */
  async checkRedisPolicy(): Promise<string | undefined> {
    const reply = (await this.connection.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1];
    if (policy !== 'noeviction') {
      this.logger.warn(
        `Redis maxmemory-policy is "${policy}"; BullMQ needs "noeviction" or queued jobs can be lost. ` +
          'Set it in redis.conf or with CONFIG SET maxmemory-policy noeviction.',
      );
    }
    return policy;
  }

  async add<T>(queue: string, name: string, data: T, options?: JobOptions): Promise<string> {
    const job = await this.queue(queue).add(name, data, bullJobOptions(options));
    return job.id!;
  }

  async addBulk<T>(queue: string, jobs: ReadonlyArray<NewJob<T>>): Promise<string[]> {
    if (jobs.length === 0) return [];
    const added = await this.queue(queue).addBulk(
      jobs.map((job) => ({ name: job.name, data: job.data, opts: bullJobOptions(job.options) })),
    );
    return added.map((job) => job.id!);
  }

  async upsertRepeatable<T>(queue: string, schedulerId: string, name: string, data: T, schedule: RepeatSchedule) {
    const repeat =
      'everyMs' in schedule ? { every: schedule.everyMs } : { pattern: schedule.cron, tz: schedule.timeZone };
    await this.queue(queue).upsertJobScheduler(schedulerId, repeat, { name, data });
  }

  async removeRepeatable(queue: string, schedulerId: string): Promise<void> {
    await this.queue(queue).removeJobScheduler(schedulerId);
  }

  async work(queue: string, handler: JobHandler, options: WorkOptions): Promise<void> {
    const connection = this.connect();
    this.workerConnections.push(connection);
    const worker = new Worker(
      queue,
      async (job: Job) => {
        await handler({ id: job.id!, queue, name: job.name, data: job.data, attempt: job.attemptsMade + 1 });
      },
      {
        connection,
        prefix: this.prefix,
        concurrency: options.concurrency,
        lockDuration: this.options.lockDurationMs ?? 30_000,
        stalledInterval: Math.min(this.options.lockDurationMs ?? 30_000, 30_000),
        // A job whose worker died is retried; only a job that stalls repeatedly is failed.
        maxStalledCount: 3,
      },
    );
    worker.on('error', (error) => this.logger.error(`Worker for queue ${queue}: ${error.message}`));
    this.workers.push(worker);
    await worker.waitUntilReady();
  }

  async failedJobs(queue: string, limit = 100): Promise<FailedJob[]> {
    const jobs = await this.queue(queue).getFailed(0, limit - 1);
    return jobs.map((job) => ({
      id: job.id!,
      queue,
      name: job.name,
      data: job.data,
      attemptsMade: job.attemptsMade,
      failedReason: job.failedReason,
      failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
    }));
  }

  async counts(queue: string): Promise<QueueCounts> {
    const counts = await this.queue(queue).getJobCounts('waiting', 'delayed', 'active', 'completed', 'failed');
    return {
      waiting: counts.waiting ?? 0,
      delayed: counts.delayed ?? 0,
      active: counts.active ?? 0,
      completed: counts.completed ?? 0,
      failed: counts.failed ?? 0,
    };
  }

  async ping(): Promise<void> {
    await this.connection.ping();
  }

  async close(): Promise<void> {
    // Worker.close() waits for the jobs it is running, so a shutdown finishes them first — but a
    // job cannot be marked done while Redis is away, and then it would wait for ever. After the
    // grace the workers stop regardless: every job is idempotent and its row's lease brings it back.
    const finished = await settlesWithin(
      Promise.all(this.workers.map((worker) => worker.close())),
      JOB_SHUTDOWN_GRACE_MS,
    );
    if (!finished) {
      this.logger.warn(`jobs still running after ${JOB_SHUTDOWN_GRACE_MS} ms (is Redis reachable?): stopping anyway`);
      await settlesWithin(
        Promise.all(this.workers.map((worker) => worker.close(true).catch(() => undefined))),
        CLOSE_GRACE_MS,
      );
    }
    // With Redis away a polite QUIT never returns: wait a moment for it, then drop the connections.
    await settlesWithin(
      Promise.all([
        ...[...this.queues.values()].map((queue) => queue.close().catch(() => undefined)),
        ...[this.connection, ...this.workerConnections].map((connection) => connection.quit().catch(() => undefined)),
      ]),
      CLOSE_GRACE_MS,
    );
    for (const connection of [this.connection, ...this.workerConnections]) connection.disconnect();
    // A worker whose close never finished (Redis away) still holds connections of its own, the lock
    // extender of the job it could not mark done and its stalled-job timer (BullMQ stops those only at
    // the end of a close): stop them, or the process never becomes idle. Internals, hence the cast.
    if (!finished)
      await settlesWithin(
        Promise.all(
          this.workers.map(async (worker) => {
            const internals = worker as unknown as {
              lockManager?: { close(): Promise<void> };
              stalledCheckStopper?: () => void;
            };
            internals.stalledCheckStopper?.();
            await internals.lockManager?.close();
            await worker.disconnect();
          }),
        ),
        CLOSE_GRACE_MS,
      );
  }

  private connect(): Redis {
    return new IORedis(this.options.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }
}

function bullJobOptions(options?: JobOptions): JobsOptions {
  if (options?.jobId !== undefined) assertValidJobId(options.jobId);
  const resolved = resolveJobOptions(options);
  return {
    jobId: resolved.jobId,
    attempts: resolved.attempts,
    backoff: { type: resolved.backoff.type, delay: resolved.backoff.delayMs },
    delay: resolved.delayMs,
    removeOnComplete: { count: RETENTION.completed.count, age: RETENTION.completed.ageSeconds },
    removeOnFail: { count: RETENTION.failed.count, age: RETENTION.failed.ageSeconds },
  };
}
