import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

import type { DataSource } from 'typeorm';

/** The counting SMTP sink (`counting-smtp-sink.ts`), run in a process of its own. */
export interface Sink {
  url: string;
  count(): Promise<{ recipients: number; lastAt: number }>;
  stop(): void;
}

export async function startSink(): Promise<Sink> {
  const child: ChildProcess = fork(join(__dirname, 'counting-smtp-sink.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const { port } = await new Promise<{ port: number }>((resolve) => child.once('message', resolve as never));
  return {
    url: `smtp://127.0.0.1:${port}`,
    count: () =>
      new Promise((resolve) => {
        child.once('message', resolve as never);
        child.send('count');
      }),
    stop: () => child.kill(),
  };
}

/** When the sink had accepted `recipients` in all (epoch ms); fails after `timeoutMs`. */
export async function acceptedBy(sink: Sink, recipients: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const count = await sink.count();
    if (count.recipients >= recipients) return count.lastAt;
    if (Date.now() > deadline)
      throw new Error(`only ${count.recipients}/${recipients} recipients after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** 1,000 organizations × N contacts, a fifth of them reading English: `count` notice recipients. */
export async function seedCustomers(dataSource: DataSource, count: number): Promise<void> {
  const perOrg = Math.ceil(count / 1000);
  await dataSource.query(
    `INSERT INTO organization (id, name) SELECT gen_random_uuid(), 'org ' || g FROM generate_series(1, 1000) g`,
  );
  await dataSource.query(
    `INSERT INTO app_user (id, email, name, password_hash, role, organization_id, language)
     SELECT gen_random_uuid(), 'c' || n || '@d' || (n % 50) || '.example', 'c' || n, 'x', 'customer', o.id,
            CASE WHEN n % 5 = 0 THEN 'en' ELSE 'ja' END
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS k FROM organization) o
       CROSS JOIN generate_series(1, $1::int) i
       CROSS JOIN LATERAL (SELECT (o.k - 1) * $1 + i AS n) x
      WHERE n <= $2`,
    [perOrg, count],
  );
}
