import { defineQueue } from '@madoguchi/queue';

import type { OutgoingMail } from '../domain/mail-message';

export interface SendMailJob {
  /** The outbox row's key. */
  dedupKey: string;
}

/**
 * Single messages (acknowledgements, replies, alerts): a `send` job names an outbox row, which owns
 * the message and its retry schedule. The job's own attempts only cover a failure of the job itself
 * (the database away while it records); SMTP failures are retried on the row's schedule. A job
 * queued before the outbox owned its messages carries the message itself (`OutgoingMail`).
 */
export const MAIL_QUEUE = defineQueue<{ send: SendMailJob | OutgoingMail }>('mail', {
  send: { attempts: 3, backoff: { type: 'exponential', delayMs: 5_000 } },
});

/**
 * The same `send` jobs for alarm-route messages, on a queue of their own: an alarm never waits
 * behind acknowledgements that are each spending SMTP_TIMEOUT_SECONDS on a silent server.
 */
export const MAIL_ALARM_QUEUE = defineQueue<{ send: SendMailJob }>('mail-alarm', {
  send: { attempts: 3, backoff: { type: 'exponential', delayMs: 5_000 } },
});
