/** How a job is retried and deduplicated; every field has a default from `DEFAULT_JOB_OPTIONS`. */
export interface JobOptions {
  /** Deduplication key: adding a job whose id is still known (waiting, running or kept) is a no-op. */
  jobId?: string;
  /** Total tries, the first included. */
  attempts?: number;
  backoff?: { type: 'exponential' | 'fixed'; delayMs: number };
  /** Milliseconds to wait before the first try. */
  delayMs?: number;
}

export interface NewJob<T = unknown> {
  name: string;
  data: T;
  options?: JobOptions;
}

export interface JobContext<T = unknown> {
  id: string;
  queue: string;
  name: string;
  data: T;
  /** 1 on the first try. */
  attempt: number;
}

export type JobHandler = (job: JobContext) => Promise<void>;

/** A job that runs on a schedule: every N ms, or on a cron pattern in a time zone. */
export type RepeatSchedule = { everyMs: number } | { cron: string; timeZone?: string };

export interface FailedJob {
  id: string;
  queue: string;
  name: string;
  data: unknown;
  attemptsMade: number;
  failedReason: string;
  failedAt: Date | null;
}

export interface QueueCounts {
  waiting: number;
  delayed: number;
  active: number;
  completed: number;
  failed: number;
}

export interface WorkOptions {
  concurrency: number;
}

/**
 * One interface over the queue back-ends: BullMQ on Redis for the service mode, an in-process
 * driver for the embedded default. Both pass the same contract test suite.
 */
export interface QueueDriver {
  readonly kind: 'bullmq' | 'in-process';
  add<T>(queue: string, name: string, data: T, options?: JobOptions): Promise<string>;
  /** Adds several jobs in one round trip (all or none where the backend allows); returns their ids in order. */
  addBulk<T>(queue: string, jobs: ReadonlyArray<NewJob<T>>): Promise<string[]>;
  upsertRepeatable<T>(
    queue: string,
    schedulerId: string,
    name: string,
    data: T,
    schedule: RepeatSchedule,
  ): Promise<void>;
  removeRepeatable(queue: string, schedulerId: string): Promise<void>;
  work(queue: string, handler: JobHandler, options: WorkOptions): Promise<void>;
  failedJobs(queue: string, limit?: number): Promise<FailedJob[]>;
  counts(queue: string): Promise<QueueCounts>;
  /** Rejects when the back-end cannot be reached (for readiness checks). */
  ping(): Promise<void>;
  /** Stops taking jobs and waits for the running ones to finish. */
  close(): Promise<void>;
}

export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delayMs: 1000 },
  delayMs: 0,
} as const satisfies Required<Omit<JobOptions, 'jobId'>>;

/** How many finished jobs each queue keeps for inspection. */
export const RETENTION = {
  completed: { count: 1000, ageSeconds: 24 * 3600 },
  failed: { count: 10_000, ageSeconds: 30 * 24 * 3600 },
} as const;

export class InvalidJobIdError extends Error {
  constructor(jobId: string, reason: string) {
    super(`Invalid jobId ${JSON.stringify(jobId)}: ${reason}`);
    this.name = 'InvalidJobIdError';
  }
}

/** BullMQ's rules for custom ids, enforced by both drivers so that code works on either. */
export function assertValidJobId(jobId: string): void {
  if (jobId === '') throw new InvalidJobIdError(jobId, 'must not be empty');
  if (String(Number.parseInt(jobId, 10)) === jobId) throw new InvalidJobIdError(jobId, 'must not be an integer');
  if (jobId.includes(':')) throw new InvalidJobIdError(jobId, "must not contain ':'");
}

/** Delay before try number `nextAttempt` (2 for the first retry). */
export function backoffDelayMs(backoff: NonNullable<JobOptions['backoff']>, nextAttempt: number): number {
  return backoff.type === 'fixed' ? backoff.delayMs : backoff.delayMs * 2 ** (nextAttempt - 2);
}

export function resolveJobOptions(options: JobOptions = {}) {
  return {
    jobId: options.jobId,
    attempts: options.attempts ?? DEFAULT_JOB_OPTIONS.attempts,
    backoff: options.backoff ?? DEFAULT_JOB_OPTIONS.backoff,
    delayMs: options.delayMs ?? DEFAULT_JOB_OPTIONS.delayMs,
  };
}
