import { defineQueue, type NoPayload } from '@madoguchi/queue';

/** Periodic ticket timers: the SLA scan and the auto-close of solved tickets. How often they run bounds how late they act. */
export const TICKET_TIMERS_QUEUE = defineQueue<{ 'sla-scan': NoPayload; 'auto-close': NoPayload }>('ticket-timers', {
  'sla-scan': { attempts: 3, backoff: { type: 'fixed', delayMs: 5_000 } },
  'auto-close': { attempts: 3, backoff: { type: 'fixed', delayMs: 5_000 } },
});
export const SLA_SCAN_EVERY_MS = 30_000;
export const AUTO_CLOSE_EVERY_MS = 5 * 60_000;
