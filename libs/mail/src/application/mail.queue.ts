import { defineQueue } from '@madoguchi/queue';

/** Single messages (acknowledgements, alerts). Bulk notices use their own outbox and queue. */
export const MAIL_QUEUE = defineQueue('mail', {
  send: { attempts: 8, backoff: { type: 'exponential', delayMs: 5_000 } },
});
