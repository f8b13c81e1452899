import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

import { freePort } from './free-port';

const root = join(__dirname, '../..');

/** An API or worker running as a process of its own, from the TypeScript sources, that a test can kill -9. */
export interface AppProcess {
  kind: 'api' | 'worker';
  child: ChildProcess;
  /** The API's base URL, or the worker's metrics URL. */
  url: string;
  /** What the process wrote to stderr (start-up failures, warnings). */
  stderr(): string;
  /** SIGKILL, as a crash or an OOM kill would; resolves when the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: a graceful shutdown; resolves when the process is gone. */
  stop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}

/**
 * Starts `apps/<kind>/src/main.ts` with `env` (on free ports) and resolves once it serves: the API's
 * /health/live, the worker's /metrics. A process that exits first rejects with its stderr.
 */
export async function spawnAppProcess(kind: 'api' | 'worker', env: Record<string, string>): Promise<AppProcess> {
  const port = String(await freePort());
  const child = spawn(
    process.execPath,
    ['-r', join(root, 'test/support/swc-register.js'), join(root, `apps/${kind}/src/main.ts`)],
    {
      cwd: root,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        ...env,
        ...(kind === 'api' ? { PORT: port } : { WORKER_METRICS_PORT: port }),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const gone = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const url = kind === 'api' ? `http://127.0.0.1:${port}` : `http://127.0.0.1:${port}/metrics`;
  const deadline = Date.now() + 90_000;
  while (!(await answers(kind === 'api' ? `${url}/health/live` : url))) {
    if (child.exitCode !== null)
      throw new Error(`the ${kind} process exited (${child.exitCode}) before serving:\n${stderr}`);
    if (Date.now() > deadline) {
      await gone('SIGKILL');
      throw new Error(`the ${kind} process did not serve within 90 s:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { kind, child, url, stderr: () => stderr, kill: () => gone('SIGKILL'), stop: () => gone('SIGTERM') };
}
