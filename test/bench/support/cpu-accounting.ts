import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds (user + system) each process name has used so far; Linux only (empty elsewhere). */
export type CpuSnapshot = Map<string, number>;

/**
 * Reads /proc: every process's CPU time, summed per command name (all `postgres` backends
 * together); this process counts as `this process`. Processes that exited in between are missed,
 * so read it around a phase whose processes outlive it.
 */
export function cpuSnapshot(): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return snapshot;
  }
  const ticksPerSecond = 100; // USER_HZ on Linux
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name =
        pid === String(process.pid) ? 'this process' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
      snapshot.set(name, (snapshot.get(name) ?? 0) + seconds);
    } catch {
      // The process ended while we read.
    }
  }
  return snapshot;
}

/** CPU seconds per process name since `before`, largest first, leaving out names under 0.1 s. */
export function cpuSpentSince(before: CpuSnapshot): Record<string, number> {
  const after = cpuSnapshot();
  const spent = [...after].map(([name, seconds]) => [name, seconds - (before.get(name) ?? 0)] as const);
  return Object.fromEntries(
    spent
      .filter(([, seconds]) => seconds >= 0.1)
      .sort((a, b) => b[1] - a[1])
      .map(([name, seconds]) => [name, Number(seconds.toFixed(2))]),
  );
}
