import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';

import { DataDirInUseError, lockDataDir } from '@madoguchi/database';

describe('the embedded data folder lock', () => {
  const folders: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-lock-'));
    folders.push(dir);
    return dir;
  };
  afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('refuses a folder another running process holds, naming it and what to do', async () => {
    const dir = folder();
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(
        join(dir, 'madoguchi.lock'),
        JSON.stringify({ pid: other.pid, host: hostname(), since: '2026-12-01T09:00:00Z' }),
      );
      expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
      expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by process ${other.pid} .*Stop that process first`));
    } finally {
      other.kill();
    }
  });

  it('takes over a lock left by a process that is gone, and holds it', async () => {
    const dir = folder();
    const gone = spawn('true');
    await new Promise((resolve) => gone.on('exit', resolve));
    writeFileSync(
      join(dir, 'madoguchi.lock'),
      JSON.stringify({ pid: gone.pid, host: hostname(), since: '2026-12-01T09:00:00Z' }),
    );
    lockDataDir(dir);
    expect(existsSync(join(dir, 'madoguchi.lock'))).toBe(true);
    // The same process may open its own folder again (a restarted app in one test process).
    expect(() => lockDataDir(dir)).not.toThrow();
  });
});
