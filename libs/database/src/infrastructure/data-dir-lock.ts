import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

/** Whether a process with this id is running on this machine (EPERM: it runs, as another user). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataDirInUseError extends Error {}

const held = new Set<string>();

/** Releases every lock this process holds as it exits (one listener however many folders it opened). */
function releaseAll(): void {
  for (const path of held) {
    try {
      if ((JSON.parse(readFileSync(path, 'utf8')) as LockHolder).pid === process.pid) unlinkSync(path);
    } catch {
      // Already gone (the folder was removed): nothing to release.
    }
  }
}

/**
 * Makes this process the only one using an embedded data folder: PGlite is one Postgres server in
 * the process, and two processes opening the same files (`npm run demo` while `npm start` runs)
 * corrupt them. A lock file names the holder; one left by a process that is gone is taken over.
 * The lock goes when this process exits.
 */
export function lockDataDir(folder: string): void {
  const path = join(folder, 'madoguchi.lock');
  if (held.has(path)) return;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      const holder: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
      writeSync(fd, JSON.stringify(holder));
      closeSync(fd);
      if (held.size === 0) process.once('exit', releaseAll);
      held.add(path);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder: LockHolder | null = null;
    try {
      holder = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
    } catch {
      // Unreadable or half-written: treated as stale.
    }
    if (holder && holder.pid !== process.pid && (holder.host !== hostname() || running(holder.pid)))
      throw new DataDirInUseError(
        `The data folder ${folder} is in use by process ${holder.pid} on ${holder.host} (since ${holder.since}). ` +
          'Stop that process first (an `npm start` or `npm run demo`), or give this one another DATA_DIR. ' +
          `If no such process runs, delete ${path}.`,
      );
    unlinkSync(path);
  }
  throw new DataDirInUseError(`Could not lock the data folder ${folder}: another process keeps taking it.`);
}
