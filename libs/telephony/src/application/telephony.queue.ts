import { defineQueue } from '@madoguchi/queue';

export interface ImportJob {
  importId: string;
}

/** PBX file imports: one job per uploaded file, resumable from its last committed chunk. */
export const TELEPHONY_QUEUE = defineQueue<{ import: ImportJob }>('telephony', {
  import: { attempts: 5, backoff: { type: 'exponential', delayMs: 2_000 } },
});

export const importJobId = (importId: string) => `import-${importId}`;
