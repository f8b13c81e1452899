import { defineQueue } from '@madoguchi/queue';

/**
 * Single messages (acknowledgements, replies, alerts): a `send` job names an outbox row, which owns
 * the message and its retry schedule. The job's own attempts only cover a failure of the job itself
 * (the database away while it records); SMTP failures are retried on the row's schedule.
 */
export const MAIL_QUEUE = defineQueue('mail', {
  send: { attempts: 3, backoff: { type: 'exponential', delayMs: 5_000 } },
});

export interface SendMailJob {
  /** The outbox row's key. */
  dedupKey: string;
}
