import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { INestApplication } from '@nestjs/common';
import { ParsedMail, simpleParser } from 'mailparser';

import { MailOutbox } from '@madoguchi/mail';
import { InProcessQueueDriver, QUEUE_DRIVER } from '@madoguchi/queue';

/** Every message the file mail transport wrote, after the in-process queue has run what is pending. */
export async function deliveredMail(app: INestApplication, dataDir: string): Promise<ParsedMail[]> {
  // Acknowledgements wait in the outbox for the relay loop's next pass: run one now.
  await app.get(MailOutbox).relay();
  await (app.get(QUEUE_DRIVER) as InProcessQueueDriver).drain();
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
