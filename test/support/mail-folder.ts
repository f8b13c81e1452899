import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { INestApplicationContext } from '@nestjs/common';
import { ParsedMail, simpleParser } from 'mailparser';
import { DataSource } from 'typeorm';

import { MailOutboxService } from '@madoguchi/mail';
import { InProcessQueueDriver, QUEUE_DRIVER } from '@madoguchi/queue';

/** Every message the file mail transport wrote, after the in-process queue has run what is pending. */
export async function deliveredMail(app: INestApplicationContext, dataDir: string): Promise<ParsedMail[]> {
  // Outbox mail waits for the relay loop's next pass: run passes until nothing due is left (the
  // loop's own pass may hold some rows, locked, while ours runs).
  const dataSource = app.get(DataSource);
  for (let pass = 0; ; pass++) {
    await app.get(MailOutboxService).relay();
    await (app.get(QUEUE_DRIVER) as InProcessQueueDriver).drain();
    const [due] = (await dataSource.query(
      `SELECT count(*)::int AS due FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= now()`,
    )) as Array<{ due: number }>;
    if (due!.due === 0) break;
    if (pass >= 100) throw new Error(`${due!.due} outbox message(s) still due after 100 relay passes`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const folder = join(dataDir, 'mail');
  const files = await readdir(folder).catch(() => [] as string[]);
  return Promise.all(
    files.filter((f) => f.endsWith('.eml')).map(async (f) => simpleParser(await readFile(join(folder, f)))),
  );
}

export function recipientsOf(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((address) => address.value.map((v) => v.address ?? ''));
}

/**
 * A reader of the mail written since its previous call. `test` is read at each call, so a suite
 * can make the reader before its app starts.
 */
export function newMailReader(test: () => { app: INestApplicationContext; config: { DATA_DIR: string } }) {
  let seen = 0;
  return async (): Promise<ParsedMail[]> => {
    const { app, config } = test();
    const all = await deliveredMail(app, config.DATA_DIR);
    const fresh = all.slice(seen);
    seen = all.length;
    return fresh;
  };
}
