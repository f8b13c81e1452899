import { defineQueue, type NoPayload } from '@madoguchi/queue';

export interface SendBatchJob {
  noticeId: string;
  language: 'ja' | 'en';
  /** The first batch of the run. */
  batchNo: number;
  /** How many batches from `batchNo` on (absent in jobs queued before runs existed: one). */
  batches?: number;
}

/**
 * Notice e-mail: one `send-batch` job per run of consecutive batches (one SMTP transaction each) of
 * recipients of identical content. The delivery rows, not the jobs, are the truth: a lost or
 * repeated job sends nobody twice.
 */
export const NOTICE_DELIVERY_QUEUE = defineQueue<{ 'send-batch': SendBatchJob }>(
  'notice-delivery',
  // SMTP failures are retried on the batches' own schedule (the rows), not by the job: its few
  // attempts only cover a failure of the job itself (the database away for a moment).
  { 'send-batch': { attempts: 3, backoff: { type: 'exponential', delayMs: 2_000 } } },
  { concurrency: (config) => config.NOTICE_DELIVERY_CONCURRENCY },
);

/** Periodic notice timers: relay + reconcile the outbox, unnotified-incident alerts, maintenance schedules. */
export const NOTICE_TIMERS_QUEUE = defineQueue<{ tick: NoPayload }>('notice-timers', {
  tick: { attempts: 3, backoff: { type: 'fixed', delayMs: 5_000 } },
});

export const runLength = (job: SendBatchJob) => job.batches ?? 1;

export const sendBatchJobId = (job: SendBatchJob, round = 0) =>
  `notice-${job.noticeId}-${job.language}-${job.batchNo}x${runLength(job)}${round ? `-r${round}` : ''}`;
