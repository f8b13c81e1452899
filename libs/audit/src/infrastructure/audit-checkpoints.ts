import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Injectable } from '@nestjs/common';

import { AppConfig } from '@madoguchi/config';

import type { AuditCheckpoint } from '../domain/audit-chain';

const FILE = 'audit-checkpoints.jsonl';

/**
 * Signed checkpoints of the chain's head, appended as JSON lines to a file outside the database
 * (AUDIT_CHECKPOINT_DIR): whoever can rewrite the table cannot take back what was written here.
 */
@Injectable()
export class AuditCheckpoints {
  constructor(private readonly config: AppConfig) {}

  get folder(): string {
    return this.config.AUDIT_CHECKPOINT_DIR ?? join(this.config.DATA_DIR, 'audit-checkpoints');
  }

  async append(checkpoint: AuditCheckpoint): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    // One write of one line in append mode: never interleaved with another process's line.
    await appendFile(join(this.folder, FILE), `${JSON.stringify(checkpoint)}\n`, { flag: 'a' });
  }

  /** Every checkpoint written, oldest first; none when the file does not exist yet. */
  async all(): Promise<AuditCheckpoint[]> {
    const text = await readFile(join(this.folder, FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as AuditCheckpoint);
  }

  /** The newest one, to tell whether the head moved since. */
  async latest(): Promise<AuditCheckpoint | null> {
    return (await this.all()).at(-1) ?? null;
  }
}
