import { defineQueue, type NoPayload } from '@madoguchi/queue';

/** Sealing new audit entries into the hash chain. */
export const AUDIT_QUEUE = defineQueue<{ seal: NoPayload }>('audit', {
  seal: { attempts: 3, backoff: { type: 'fixed', delayMs: 2_000 } },
});
export const AUDIT_SEAL_EVERY_MS = 5_000;
