import { defineQueue } from '@madoguchi/queue';

/** PBX file imports: one job per uploaded file, resumable from its last committed chunk. */
export const TELEPHONY_QUEUE = defineQueue('telephony', {
  import: { attempts: 5, backoff: { type: 'exponential', delayMs: 2_000 } },
});

export interface ImportJob {
  importId: string;
}

export const importJobId = (importId: string) => `import-${importId}`;
