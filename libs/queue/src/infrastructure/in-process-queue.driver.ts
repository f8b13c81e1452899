import { randomUUID } from 'node:crypto';

import { CronExpressionParser } from 'cron-parser';

import {
  assertValidJobId,
  backoffDelayMs,
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
import { MinHeap } from './min-heap';

type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

interface JobRecord {
  id: string;
  /** Tie-breaker that keeps jobs due at the same instant in the order they were added. */
  seq: number;
  name: string;
  data: unknown;
  options: ReturnType<typeof resolveJobOptions>;
  state: JobState;
  runAt: number;
  attemptsMade: number;
  failedReason?: string;
  finishedAt?: number;
}

interface QueueState {
  jobs: Map<string, JobRecord>;
  pending: MinHeap<JobRecord>;
  /** Finished job ids, oldest first, for retention trimming. */
  finished: { completed: JobRecord[]; failed: JobRecord[] };
  handler?: JobHandler;
  concurrency: number;
  running: Set<Promise<void>>;
  timer?: NodeJS.Timeout;
  timerAt?: number;
  schedulers: Map<string, () => void>;
}

/**
 * The embedded default: jobs live in this process's memory and run after `add()` returns, with
 * the same delay, retry, backoff, dedup and retention rules as BullMQ. A crash loses queued jobs,
 * so durable work (mail fan-out, reminders) is driven from database rows that a reconciler
 * re-enqueues; the queue only carries wake-ups.
 */
export class InProcessQueueDriver implements QueueDriver {
  readonly kind = 'in-process';
  private readonly queues = new Map<string, QueueState>();
  private closing = false;
  private seq = 0;
  private idleWaiters: Array<() => void> = [];

  async addBulk<T>(queue: string, jobs: ReadonlyArray<NewJob<T>>): Promise<string[]> {
    const ids: string[] = [];
    for (const job of jobs) ids.push(await this.add(queue, job.name, job.data, job.options));
    return ids;
  }

  async add<T>(queue: string, name: string, data: T, options?: JobOptions): Promise<string> {
    if (this.closing) throw new Error('The queue driver is closing');
    if (options?.jobId !== undefined) assertValidJobId(options.jobId);
    const state = this.queue(queue);
    const id = options?.jobId ?? randomUUID();
    if (state.jobs.has(id)) return id;
    const resolved = resolveJobOptions(options);
    const job: JobRecord = {
      id,
      seq: this.seq++,
      name,
      // A copy, as Redis would store it: the caller mutating its object later changes nothing.
      data: structuredClone(data),
      options: resolved,
      state: resolved.delayMs > 0 ? 'delayed' : 'waiting',
      runAt: Date.now() + resolved.delayMs,
      attemptsMade: 0,
    };
    state.jobs.set(id, job);
    state.pending.push(job);
    this.schedule(queue, state);
    return id;
  }

  async upsertRepeatable<T>(queue: string, schedulerId: string, name: string, data: T, schedule: RepeatSchedule) {
    await this.removeRepeatable(queue, schedulerId);
    const state = this.queue(queue);
    let timer: NodeJS.Timeout | undefined;
    const planNext = () => {
      const next = nextRun(schedule, Date.now());
      timer = setTimeout(() => {
        const slot = `${schedulerId}.${next}`;
        this.add(queue, name, data, { jobId: slot }).catch(() => undefined);
        planNext();
      }, next - Date.now());
      timer.unref();
    };
    planNext();
    state.schedulers.set(schedulerId, () => clearTimeout(timer));
  }

  async removeRepeatable(queue: string, schedulerId: string): Promise<void> {
    const state = this.queue(queue);
    state.schedulers.get(schedulerId)?.();
    state.schedulers.delete(schedulerId);
  }

  async work(queue: string, handler: JobHandler, options: WorkOptions): Promise<void> {
    const state = this.queue(queue);
    if (state.handler) throw new Error(`Queue ${queue} already has a worker in this process`);
    state.handler = handler;
    state.concurrency = options.concurrency;
    this.schedule(queue, state);
  }

  async failedJobs(queue: string, limit = 100): Promise<FailedJob[]> {
    return [...this.queue(queue).jobs.values()]
      .filter((job) => job.state === 'failed')
      .sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0))
      .slice(0, limit)
      .map((job) => ({
        id: job.id,
        queue,
        name: job.name,
        data: job.data,
        attemptsMade: job.attemptsMade,
        failedReason: job.failedReason ?? '',
        failedAt: job.finishedAt ? new Date(job.finishedAt) : null,
      }));
  }

  async counts(queue: string): Promise<QueueCounts> {
    const counts: QueueCounts = { waiting: 0, delayed: 0, active: 0, completed: 0, failed: 0 };
    for (const job of this.queue(queue).jobs.values()) counts[job.state] += 1;
    return counts;
  }

  async ping(): Promise<void> {
    if (this.closing) throw new Error('The queue driver is closing');
  }

  /** Resolves once no job is waiting, delayed or running in any queue that has a worker. */
  drain(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const state of this.queues.values()) {
      clearTimeout(state.timer);
      for (const stop of state.schedulers.values()) stop();
      state.schedulers.clear();
    }
    await Promise.all([...this.queues.values()].flatMap((state) => [...state.running]));
  }

  private queue(name: string): QueueState {
    let state = this.queues.get(name);
    if (!state) {
      state = {
        jobs: new Map(),
        pending: new MinHeap<JobRecord>((a, b) => a.runAt < b.runAt || (a.runAt === b.runAt && a.seq < b.seq)),
        finished: { completed: [], failed: [] },
        concurrency: 1,
        running: new Set(),
        schedulers: new Map(),
      };
      this.queues.set(name, state);
    }
    return state;
  }

  /** Starts what is due now and sets one timer for the earliest job due later. */
  private schedule(queue: string, state: QueueState): void {
    if (!state.handler || this.closing) return;
    const now = Date.now();
    while (state.running.size < state.concurrency && (state.pending.peek()?.runAt ?? Infinity) <= now) {
      this.start(queue, state, state.pending.pop()!);
    }
    const next = state.pending.peek();
    if (next && next.runAt > now && (state.timerAt === undefined || next.runAt < state.timerAt)) {
      clearTimeout(state.timer);
      state.timerAt = next.runAt;
      state.timer = setTimeout(() => {
        state.timerAt = undefined;
        this.schedule(queue, state);
      }, next.runAt - now);
      state.timer.unref();
    }
  }

  private start(queue: string, state: QueueState, job: JobRecord): void {
    job.state = 'active';
    job.attemptsMade += 1;
    const handler = state.handler!;
    // setImmediate: a job never runs inside the add() that queued it.
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => handler({ id: job.id, queue, name: job.name, data: job.data, attempt: job.attemptsMade }))
      .then(
        () => this.finish(state, job, 'completed'),
        (error: unknown) => this.fail(state, job, error),
      )
      .finally(() => {
        state.running.delete(run);
        this.schedule(queue, state);
        if (this.isIdle()) this.idleWaiters.splice(0).forEach((resolve) => resolve());
      });
    state.running.add(run);
  }

  private fail(state: QueueState, job: JobRecord, error: unknown): void {
    job.failedReason = error instanceof Error ? error.message : String(error);
    if (job.attemptsMade < job.options.attempts && !this.closing) {
      job.state = 'delayed';
      job.runAt = Date.now() + backoffDelayMs(job.options.backoff, job.attemptsMade + 1);
      state.pending.push(job);
      return;
    }
    this.finish(state, job, 'failed');
  }

  private finish(state: QueueState, job: JobRecord, outcome: 'completed' | 'failed'): void {
    job.state = outcome;
    job.finishedAt = Date.now();
    state.finished[outcome].push(job);
    this.trim(state, outcome);
  }

  /** Retention as BullMQ's removeOnComplete/removeOnFail: a trimmed job's id can be reused. */
  private trim(state: QueueState, outcome: 'completed' | 'failed'): void {
    const { count, ageSeconds } = RETENTION[outcome];
    const oldestKept = Date.now() - ageSeconds * 1000;
    const finished = state.finished[outcome];
    while (finished.length > count || (finished[0]?.finishedAt ?? Infinity) < oldestKept) {
      state.jobs.delete(finished.shift()!.id);
    }
  }

  private isIdle(): boolean {
    for (const state of this.queues.values()) {
      if (state.handler && (state.running.size > 0 || state.pending.size > 0)) return false;
    }
    return true;
  }
}
function nextRun(schedule: RepeatSchedule, now: number): number {
  if ('everyMs' in schedule) return (Math.floor(now / schedule.everyMs) + 1) * schedule.everyMs;
  return CronExpressionParser.parse(schedule.cron, { currentDate: new Date(now), tz: schedule.timeZone })
    .next()
    .getTime();
}
