import { defineQueue } from '@madoguchi/queue';

/**
 * Notice e-mail: one `send-batch` job per run of consecutive batches (one SMTP transaction each) of
 * recipients of identical content. The delivery rows, not the jobs, are the truth: a lost or
 * repeated job sends nobody twice.
 */
export const NOTICE_DELIVERY_QUEUE = defineQueue(
  'notice-delivery',
  { 'send-batch': { attempts: 8, backoff: { type: 'exponential', delayMs: 2_000 } } },
  { concurrency: (config) => config.NOTICE_DELIVERY_CONCURRENCY },
);

/** Periodic notice timers: relay + reconcile the outbox, unnotified-incident alerts, maintenance schedules. */
export const NOTICE_TIMERS_QUEUE = defineQueue('notice-timers', {
  tick: { attempts: 3, backoff: { type: 'fixed', delayMs: 5_000 } },
});

export interface SendBatchJob {
  noticeId: string;
  language: 'ja' | 'en';
  /** The first batch of the run. */
  batchNo: number;
  /** How many batches from `batchNo` on (absent in jobs queued before runs existed: one). */
  batches?: number;
}

export const runLength = (job: SendBatchJob) => job.batches ?? 1;

export const sendBatchJobId = (job: SendBatchJob, round = 0) =>
  `notice-${job.noticeId}-${job.language}-${job.batchNo}x${runLength(job)}${round ? `-r${round}` : ''}`;
