import { defineQueue } from '@madoguchi/queue';

/** The periodic SLA scan; how often it runs bounds how late an alert can be. */
export const SLA_QUEUE = defineQueue('sla', { scan: { attempts: 3, backoff: { type: 'fixed', delayMs: 5_000 } } });
export const SLA_SCAN_EVERY_MS = 30_000;
